import { lazyPane } from '../lazy-pane';
import type { PadReplayViewProps } from './pad-replay-view';

// The editor and Yjs come with the pad's chunk, fetched when a replay is first shown.
export const LazyPadReplayView = lazyPane<PadReplayViewProps>(
  () => import('./pad-replay-view').then(({ PadReplayView }) => PadReplayView),
  'Loading the replay…',
);
