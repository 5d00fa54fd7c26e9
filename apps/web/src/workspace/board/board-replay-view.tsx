import '@excalidraw/excalidraw/index.css';
import { CaptureUpdateAction, Excalidraw } from '@excalidraw/excalidraw';
import type { RemoteExcalidrawElement } from '@excalidraw/excalidraw/data/reconcile';
import type { ExcalidrawImperativeAPI } from '@excalidraw/excalidraw/types';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReplayUpdate } from '../replay/pad-replay';
import { ReplayedDocument } from '../replay/pad-replay';
import { describeBoard, storedElements } from './board-document';
import { useMenuLabel } from './use-menu-label';
import styles from './board.module.css';

export interface BoardReplayViewProps {
  /** The board's stored updates, in the order they were stored. */
  updates: readonly ReplayUpdate[];
  /** How many of them are in at the moment shown. */
  count: number;
  /** The elements a note points at, selected so they stand out. */
  highlight?: readonly string[];
}

/** The board as it stood at one moment of the session: Excalidraw in view mode, drawn to fit. */
export function BoardReplayView({ updates, count, highlight = [] }: BoardReplayViewProps) {
  const replay = useMemo(() => new ReplayedDocument(updates), [updates]);
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const [description, setDescription] = useState('The board is empty.');
  const fitted = useRef(false);
  const canvas = useRef<HTMLDivElement>(null);
  useMenuLabel(canvas, 'Board menu');

  useEffect(() => {
    if (!api) return;
    const elements = storedElements(replay.after(count).doc);
    setDescription(describeBoard(elements));
    api.updateScene({
      elements: elements as unknown as RemoteExcalidrawElement[],
      appState: { selectedElementIds: Object.fromEntries(highlight.map((id) => [id, true])) },
      captureUpdate: CaptureUpdateAction.NEVER,
    });
    // Fitted once, when there is something to fit; after that the viewer's pan and zoom stay.
    if (!fitted.current && elements.length > 0) {
      fitted.current = true;
      api.scrollToContent(undefined, { fitToViewport: true, viewportZoomFactor: 0.8 });
    }
  }, [api, replay, count, highlight]);

  return (
    <div ref={canvas} className={styles.canvas} role="group" aria-label="Board at this moment">
      <p className="visually-hidden" aria-live="polite">
        {description}
      </p>
      <Excalidraw
        excalidrawAPI={setApi}
        viewModeEnabled
        zenModeEnabled
        aiEnabled={false}
        detectScroll
        handleKeyboardGlobally={false}
        UIOptions={{
          canvasActions: {
            export: false,
            loadScene: false,
            saveToActiveFile: false,
            saveAsImage: false,
          },
        }}
      />
    </div>
  );
}
