import type { ComponentProps, KeyboardEvent, RefObject } from 'react';
import { useLayoutEffect, useRef } from 'react';
import styles from './note-field.module.css';

type NoteFieldProps = Omit<ComponentProps<'textarea'>, 'ref' | 'rows' | 'value'> & {
  value: string;
  /** Enter: a note is usually one thought, so Enter files it; Shift+Enter starts a new line. */
  onEnter: () => void;
  ref?: RefObject<HTMLTextAreaElement | null>;
};

/**
 * The text of a note: it wraps and grows with what is written, so a long note stays in view
 * rather than scrolling sideways out of it.
 */
export function NoteField({ value, onEnter, onKeyDown, ref, className, ...rest }: NoteFieldProps) {
  const own = useRef<HTMLTextAreaElement>(null);
  const field = ref ?? own;

  useLayoutEffect(() => {
    const element = field.current;
    if (!element) return;
    // Collapsed first, so it shrinks again when text is taken out.
    element.style.height = 'auto';
    element.style.height = `${element.scrollHeight}px`;
  }, [field, value]);

  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onEnter();
    }
  };

  return (
    <textarea
      {...rest}
      ref={field}
      rows={1}
      value={value}
      className={`${styles.field} ${className ?? ''}`}
      onKeyDown={onKey}
    />
  );
}
