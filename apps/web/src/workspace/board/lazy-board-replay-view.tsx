import { lazyPane } from '../lazy-pane';
import type { BoardReplayViewProps } from './board-replay-view';

// Excalidraw comes with the board's chunk, fetched when a board replay is first shown.
export const LazyBoardReplayView = lazyPane<BoardReplayViewProps>(
  () => import('./board-replay-view').then(({ BoardReplayView }) => BoardReplayView),
  'Loading the board…',
);
