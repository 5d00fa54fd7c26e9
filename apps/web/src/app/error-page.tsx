import { useRouteError } from 'react-router';
import { HomeLink } from '../ui/home-link';
import styles from './status-page.module.css';

/**
 * A page's code that did not arrive: after a deploy the old file names are gone, or the
 * connection dropped. Each browser words it its own way; Vite adds its own for stylesheets.
 */
const CHUNK_FAILURE =
  /dynamically imported module|Importing a module script failed|Unable to preload CSS/i;

const isChunkFailure = (error: unknown): boolean =>
  error instanceof Error && CHUNK_FAILURE.test(error.message);

/** What the routes show in place of a page that failed to load or to draw. */
export function ErrorPage() {
  const error = useRouteError();
  const chunk = isChunkFailure(error);
  return (
    <div className={styles.page} role="alert">
      <title>{`${chunk ? 'Page not loaded' : 'Something went wrong'} · Signal Room`}</title>
      <p className={styles.eyebrow}>{chunk ? 'Page not loaded' : 'Error in the app'}</p>
      <h1 className={styles.title}>
        {chunk ? 'This page could not be loaded' : 'Something went wrong on this page'}
      </h1>
      <p>
        {chunk
          ? 'Signal Room may have been updated since you opened it, or the connection dropped on the way. Reloading fetches the current version.'
          : 'A fault in Signal Room stopped this page from showing. Reload to try again, or go back to a page that works.'}
      </p>
      <div className={styles.actions}>
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.location.reload()}
        >
          Reload the page
        </button>
        <HomeLink className="button" />
      </div>
      {!chunk && error instanceof Error && (
        <details className={styles.details}>
          <summary>Details for a bug report</summary>
          <pre>{error.message}</pre>
        </details>
      )}
    </div>
  );
}
