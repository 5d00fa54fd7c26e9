import { lazyPane } from '../lazy-pane';
import type { BoardProps } from './board';

// Excalidraw is the biggest thing the room uses: fetched when a board is first shown.
export const LazyBoard = lazyPane<BoardProps>(
  () => import('./board').then(({ Board }) => Board),
  'Loading the board…',
);
