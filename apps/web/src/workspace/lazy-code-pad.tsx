import type { CodePadProps } from './code-pad';
import { lazyPane } from './lazy-pane';

// The editor, Yjs and the pad's styles are fetched when a pad is first shown.
export const LazyCodePad = lazyPane<CodePadProps>(
  () => import('./code-pad').then(({ CodePad }) => CodePad),
  'Loading the code pad…',
);
