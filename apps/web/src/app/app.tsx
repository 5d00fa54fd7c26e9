import { CatalogError } from '../catalog/catalog-error';
import { CatalogLoading } from '../catalog/catalog-loading';
import { CatalogPage } from '../catalog/catalog-page';
import { useCatalog } from '../catalog/use-catalog';
import { SiteHeader } from './site-header';

export function App() {
  const { state, retry } = useCatalog();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader showNav={state.status === 'ready'} />
      <main id="main" className="page" tabIndex={-1}>
        {state.status === 'loading' && <CatalogLoading />}
        {state.status === 'failed' && <CatalogError error={state.error} onRetry={retry} />}
        {state.status === 'ready' && <CatalogPage catalog={state.catalog} />}
      </main>
    </>
  );
}

export default App;
