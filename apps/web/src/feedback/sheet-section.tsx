import type { SheetFeedback } from '@signal-room/domain';
import styles from './feedback-page.module.css';

/**
 * The round's sheet as it was left: what was written in each section and, first, the sections
 * never written down, which count like hidden signals: framing nobody wrote is framing nobody saw.
 */
export function SheetSection({ sheet }: { sheet: SheetFeedback }) {
  const { neverWritten } = sheet;
  return (
    <section className={styles.section} aria-labelledby="sheet-heading">
      <h2 id="sheet-heading" className={styles.sectionTitle}>
        {sheet.title}
      </h2>
      {neverWritten.length === 0 ? (
        <p className="muted">Every section was written down.</p>
      ) : (
        <p className={styles.intro}>
          <strong>Never written down:</strong> {neverWritten.join(', ')}. What stays unsaid about
          the problem cannot show the interviewer how you framed it.
        </p>
      )}
      <dl className={styles.sheet}>
        {sheet.sections.map((section) => (
          <div key={section.id} className={styles.sheetSection}>
            <dt className={styles.cardTitle}>{section.label}</dt>
            <dd className={styles.sheetText}>
              {section.text.trim() ? (
                section.text
              ) : (
                <span className="muted">Never written down</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
