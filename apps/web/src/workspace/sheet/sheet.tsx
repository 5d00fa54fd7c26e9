import type { SheetSection, SheetTemplate } from '@signal-room/domain';
import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { FIELD, caretAfter, writeEdit } from './shared-text';
import styles from './sheet.module.css';

export interface SheetProps {
  doc: Y.Doc;
  access: 'write' | 'read';
  template: SheetTemplate;
}

const written = (doc: Y.Doc, sections: readonly SheetSection[]) =>
  sections.filter((section) => doc.getText(section.id).toString().trim() !== '').length;

/**
 * The round's sheet: one field per section, each a shared text that everyone with write access
 * edits at once. Its count of written sections is what the feedback's "never written down"
 * will be read against.
 */
export function Sheet({ doc, access, template }: SheetProps) {
  const { sections } = template;
  const [count, setCount] = useState(() => written(doc, sections));
  useEffect(() => {
    const recount = () => setCount(written(doc, sections));
    recount();
    doc.on('update', recount);
    return () => doc.off('update', recount);
  }, [doc, sections]);
  const headingId = useId();
  return (
    <section className={styles.sheet} aria-labelledby={headingId}>
      <header className={styles.header}>
        <h3 id={headingId} className={styles.title}>
          {template.title}
        </h3>
        <p className={styles.count}>
          {count} of {sections.length} sections written
          {access === 'read' && ' · read only, observers follow along'}
        </p>
      </header>
      {sections.map((section) => (
        <SheetField
          key={section.id}
          text={doc.getText(section.id)}
          section={section}
          readOnly={access === 'read'}
        />
      ))}
    </section>
  );
}

/**
 * A section as a plain textarea, kept out of React's control: a remote edit sets its value and
 * moves the caret by what changed before it, which a controlled value would reset.
 */
function SheetField({
  text,
  section,
  readOnly,
}: {
  text: Y.Text;
  section: SheetSection;
  readOnly: boolean;
}) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  // What the field showed after the last edit either way: the base a local edit is read against.
  const shown = useRef('');
  useEffect(() => {
    const area = field.current;
    if (!area) return;
    area.value = shown.current = text.toString();
    const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === FIELD) return;
      const { selectionStart, selectionEnd } = area;
      const focused = document.activeElement === area;
      area.value = shown.current = text.toString();
      if (focused) {
        area.setSelectionRange(
          caretAfter(event.delta, selectionStart),
          caretAfter(event.delta, selectionEnd),
        );
      }
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);
  const onInput = () => {
    const area = field.current;
    if (!area) return;
    writeEdit(text, shown.current, area.value);
    shown.current = area.value;
  };
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {section.label}
      </label>
      <textarea
        id={id}
        ref={field}
        className={styles.text}
        rows={3}
        placeholder={section.hint}
        readOnly={readOnly}
        onInput={onInput}
        spellCheck
      />
    </div>
  );
}
