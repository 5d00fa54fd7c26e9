import { CatalogError } from './catalog-error';
import { CatalogLoading } from './catalog-loading';
import { CatalogPage } from './catalog-page';
import { useCatalog } from './use-catalog';

/** The catalogue of signals, rounds, moves and drills, loaded from the API. */
export function CatalogRoute() {
  const { state, retry } = useCatalog();
  if (state.status === 'loading') return <CatalogLoading />;
  if (state.status === 'failed') return <CatalogError error={state.error} onRetry={retry} />;
  return <CatalogPage catalog={state.catalog} />;
}
