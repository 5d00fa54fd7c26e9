import styles from './site-header.module.css';

const SECTIONS = [
  { href: '#signals', label: 'Signals' },
  { href: '#round-map', label: 'Round map' },
  { href: '#moves', label: 'Moves' },
  { href: '#drills', label: 'Drills' },
] as const;

export function SiteHeader({ showNav }: { showNav: boolean }) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <div className={styles.brand}>
          <h1 className={styles.title}>Signal Room</h1>
          <p className={styles.tagline}>
            Practise senior engineering interviews together, scored on the evidence a real loop
            looks for.
          </p>
        </div>
        {showNav && (
          <nav aria-label="Sections">
            <ul className={styles.links}>
              {SECTIONS.map((section) => (
                <li key={section.href}>
                  <a href={section.href}>{section.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </header>
  );
}
