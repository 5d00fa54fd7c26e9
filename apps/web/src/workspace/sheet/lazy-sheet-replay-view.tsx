import { lazyPane } from '../lazy-pane';
import type { SheetReplayViewProps } from './sheet-replay-view';

// Yjs comes with the replay's chunk, fetched when a sheet replay is first shown.
export const LazySheetReplayView = lazyPane<SheetReplayViewProps>(
  () => import('./sheet-replay-view').then(({ SheetReplayView }) => SheetReplayView),
  'Loading the sheet…',
);
