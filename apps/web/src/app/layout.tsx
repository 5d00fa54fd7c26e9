import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { SiteHeader } from './site-header';

/** The page frame around the route's page, or around `children` where no route drew (an error). */
export function Layout({ children }: { children?: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" className="page" tabIndex={-1}>
        <Suspense
          fallback={
            <p className="muted" role="status">
              Loading…
            </p>
          }
        >
          {children ?? <Outlet />}
        </Suspense>
      </main>
    </>
  );
}
