import styles from './catalog-status.module.css';

export function CatalogLoading() {
  return (
    <div className={styles.panel} role="status">
      <span className={styles.spinner} aria-hidden="true" />
      Loading the catalogue…
    </div>
  );
}
