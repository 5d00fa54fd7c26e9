import { CatalogError } from './catalog-error';
import { CatalogLoading } from './catalog-loading';
import { CatalogPage } from './catalog-page';
import { useCatalog } from './use-catalog';
import styles from './catalog-route.module.css';

/** /catalog — the signals, rounds, moves and drills, loaded from the API. */
export default function CatalogRoute() {
  const { state, retry } = useCatalog();
  return (
    <>
      <title>Signals & rounds · Signal Room</title>
      <div className={styles.intro}>
        <h1 className={styles.title}>Signals & rounds</h1>
        <p className={styles.lead}>
          The seven signals a senior loop looks for, the rounds that test them, and the moves and
          drills that make them visible.
        </p>
      </div>
      {state.status === 'loading' && <CatalogLoading />}
      {state.status === 'failed' && <CatalogError error={state.error} onRetry={retry} />}
      {state.status === 'ready' && <CatalogPage catalog={state.catalog} />}
    </>
  );
}
