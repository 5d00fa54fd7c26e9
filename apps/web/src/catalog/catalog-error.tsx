import type { ApiRequestError } from '../api/client';
import styles from './catalog-status.module.css';

interface CatalogErrorProps {
  error: ApiRequestError;
  onRetry: () => void;
}

export function CatalogError({ error, onRetry }: CatalogErrorProps) {
  const details = [
    error.code && `Code ${error.code}`,
    error.status !== null && `HTTP ${error.status}`,
  ].filter(Boolean);
  return (
    <div className={`${styles.panel} ${styles.error}`} role="alert">
      <h2 className={styles.heading}>The catalogue could not be loaded</h2>
      <p className={styles.message}>{error.message}</p>
      {details.length > 0 && <p className={styles.details}>{details.join(' · ')}</p>}
      <p className={styles.hint}>
        {error.retryable
          ? 'This is usually temporary. Try again in a moment.'
          : 'Trying again is unlikely to help; the server may need attention.'}
      </p>
      <button type="button" className={styles.retry} onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
