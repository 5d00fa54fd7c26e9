import '@excalidraw/excalidraw/index.css';
import { CaptureUpdateAction, Excalidraw, reconcileElements } from '@excalidraw/excalidraw';
import type { RemoteExcalidrawElement } from '@excalidraw/excalidraw/data/reconcile';
import type {
  Collaborator,
  ExcalidrawImperativeAPI,
  ExcalidrawProps,
  SocketId,
} from '@excalidraw/excalidraw/types';
import type { DocumentAccess } from '@signal-room/domain';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { PadPeople } from '../pad-people';
import { userColor } from '../user-color';
import type { StoredElement } from './board-document';
import { useMenuLabel } from './use-menu-label';
import {
  boardElements,
  describeBoard,
  drawnIds,
  storeChanged,
  storedElements,
} from './board-document';
import { BoardExport } from './board-export';
import pad from '../code-pad.module.css';
import styles from './board.module.css';

export interface BoardProps {
  doc: Y.Doc;
  awareness: Awareness;
  access: DocumentAccess;
  user: { id: string; name: string };
  /** The session whose board this is: a picture of it is named after it. */
  sessionId: string;
  /** The ids of the elements selected on the board as the selection changes. */
  onSelectionChange?: (elementIds: string[]) => void;
}

/** What this browser writes; an update with any other origin came from someone else. */
const LOCAL = Symbol('board');
/**
 * At most one stored change per this many ms: a drag changes an element on every pointer move,
 * far past the room's per-person update limit; twenty a second still moves smoothly for others.
 */
const STORE_EVERY_MS = 50;

// Excalidraw's own sharing, library, AI and file features call other services or the disk; a
// picture of the board is taken by our own buttons (see board-export.tsx), so there is one way.
const UI_OPTIONS: ExcalidrawProps['UIOptions'] = {
  canvasActions: {
    loadScene: false,
    saveToActiveFile: false,
    export: false,
    saveAsImage: false,
    toggleTheme: false,
    clearCanvas: true,
    changeViewBackgroundColor: false,
  },
  tools: { image: false },
};

interface Pointer {
  x: number;
  y: number;
  tool: 'pointer' | 'laser';
  button: 'up' | 'down';
}

function isPointer(value: unknown): value is Pointer {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y } = value as Record<string, unknown>;
  return typeof x === 'number' && typeof y === 'number';
}

/** Everyone else on the board, with their pointer and name, as Excalidraw draws collaborators. */
function collaboratorsOf(awareness: Awareness): Map<SocketId, Collaborator> {
  const collaborators = new Map<SocketId, Collaborator>();
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const user = state['user'] as { name?: string; color?: string } | undefined;
    const pointer: unknown = state['pointer'];
    collaborators.set(String(clientId) as SocketId, {
      username: user?.name ?? null,
      color: user?.color ? { background: user.color, stroke: user.color } : undefined,
      pointer: isPointer(pointer) ? { x: pointer.x, y: pointer.y, tool: pointer.tool } : undefined,
      button: isPointer(pointer) ? pointer.button : undefined,
    });
  });
  return collaborators;
}

/**
 * The shared board: Excalidraw over one Y.Map of its elements. Each browser stores the elements
 * it changed; what others changed is merged in by Excalidraw's own reconciliation, which keeps an
 * element being edited here from being pulled away under the pointer.
 */
export function Board({ doc, awareness, access, user, sessionId, onSelectionChange }: BoardProps) {
  const id = useId();
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const canvas = useRef<HTMLDivElement>(null);
  useMenuLabel(canvas, 'Board menu');
  const initialData = useMemo(
    () => ({ elements: storedElements(doc) as unknown as RemoteExcalidrawElement[] }),
    [doc],
  );

  // Read through a ref by the change listener, so a new callback does not re-subscribe.
  const selectionListener = useRef(onSelectionChange);
  useEffect(() => {
    selectionListener.current = onSelectionChange;
  }, [onSelectionChange]);

  useEffect(() => {
    if (!api) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let selected = '';
    const store = () => {
      timer = null;
      storeChanged(
        doc,
        api.getSceneElementsIncludingDeleted() as unknown as StoredElement[],
        LOCAL,
      );
    };
    const unsubscribe = api.onChange((_elements, appState) => {
      timer ??= setTimeout(store, STORE_EVERY_MS);
      const ids = Object.keys(appState.selectedElementIds).sort();
      if (ids.join() !== selected) {
        selected = ids.join();
        selectionListener.current?.(ids);
      }
    });
    const elements = boardElements(doc);
    const pull = () => {
      const remote = storedElements(doc) as unknown as RemoteExcalidrawElement[];
      api.updateScene({
        elements: reconcileElements(
          api.getSceneElementsIncludingDeleted(),
          remote,
          api.getAppState(),
        ),
        // Someone else's drawing is not this person's to undo.
        captureUpdate: CaptureUpdateAction.NEVER,
      });
    };
    const merge = (_event: unknown, transaction: Y.Transaction) => {
      if (transaction.origin !== LOCAL) pull();
    };
    elements.observe(merge);
    // What arrived between the first render and Excalidraw being ready.
    pull();
    return () => {
      unsubscribe();
      elements.unobserve(merge);
      // What was drawn in the last few ms is stored, not dropped with the board.
      if (timer) {
        clearTimeout(timer);
        store();
      }
    };
  }, [api, doc]);

  useEffect(() => {
    if (!api) return;
    const show = () => api.updateScene({ collaborators: collaboratorsOf(awareness) });
    show();
    awareness.on('change', show);
    return () => awareness.off('change', show);
  }, [api, awareness]);

  const [description, setDescription] = useState(() => describeBoard(storedElements(doc)));
  const [empty, setEmpty] = useState(() => drawnIds(doc).length === 0);
  useEffect(() => {
    const elements = boardElements(doc);
    const describe = () => {
      setDescription(describeBoard([...elements.values()]));
      setEmpty(drawnIds(doc).length === 0);
    };
    elements.observe(describe);
    return () => elements.unobserve(describe);
  }, [doc]);

  const { id: userId, name } = user;
  useEffect(() => {
    const { color } = userColor(userId);
    awareness.setLocalStateField('user', { name, color });
  }, [awareness, userId, name]);

  return (
    <section className={styles.board} aria-labelledby={`${id}-heading`}>
      <div className={pad.toolbar}>
        <h2 id={`${id}-heading`} className={pad.heading}>
          Board
        </h2>
        {access === 'read' && <p className={pad.readOnly}>View only — observers follow along</p>}
        <PadPeople awareness={awareness} label="People on the board" />
      </div>
      <div ref={canvas} className={styles.canvas} aria-describedby={`${id}-description`}>
        {/* Inside the canvas's box, which positions it: outside, it would sit off the column. */}
        <p id={`${id}-description`} className="visually-hidden" aria-live="polite">
          {description}
        </p>
        <Excalidraw
          excalidrawAPI={setApi}
          initialData={initialData}
          isCollaborating
          viewModeEnabled={access === 'read'}
          onPointerUpdate={({ pointer, button }) =>
            awareness.setLocalStateField('pointer', { ...pointer, button })
          }
          UIOptions={UI_OPTIONS}
          aiEnabled={false}
          // The room scrolls: the board must follow, or a stroke lands off the pointer.
          detectScroll
          handleKeyboardGlobally={false}
          name="Board"
        />
      </div>
      {/* Under the canvas, not in its toolbar: there they would push it past a laptop's fold. */}
      <BoardExport api={api} empty={empty} sessionId={sessionId} />
    </section>
  );
}
