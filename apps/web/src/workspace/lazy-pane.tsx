import type { ComponentType } from 'react';
import { Suspense, lazy } from 'react';
import styles from './lazy-pane.module.css';

/**
 * A workspace pane whose code is a chunk of its own, fetched when it is first shown, with a quiet
 * placeholder of its size meanwhile.
 */
export function lazyPane<P extends object>(
  load: () => Promise<ComponentType<P>>,
  loadingText: string,
): ComponentType<P> {
  const Pane = lazy(() => load().then((component) => ({ default: component })));
  function LazyPane(props: P) {
    return (
      <Suspense
        fallback={
          <p className={styles.loading} role="status">
            {loadingText}
          </p>
        }
      >
        <Pane {...props} />
      </Suspense>
    );
  }
  return LazyPane;
}
