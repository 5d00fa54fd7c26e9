import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';
import type {
  DocumentId,
  EvidenceAnchor,
  Role,
  RoomState,
  WorkspaceSettings,
  WorkspaceTool,
} from '@signal-room/domain';
import {
  MAX_ANCHORED_ELEMENTS,
  ROLE_LABELS,
  WORKSPACE_TOOLS,
  WORKSPACE_TOOL_LABELS,
  documentAccess,
  isRunnable,
  isStaff,
  sheetTemplate,
  workspacePreset,
} from '@signal-room/domain';
import type { DocumentSnapshot, RoomClient } from '@signal-room/room-client';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type * as Y from 'yjs';
import type { LineRange, RunResult } from '../workspace';
import { LazyBoard, LazyCodePad, RunPanel, Sheet, padCode, usePadLanguage } from '../workspace';
import { mayRun } from './room-actions';
import { RunLog } from './run-log';
import { useDocument } from './use-document';
import styles from './room-workspace.module.css';

interface RoomWorkspaceProps {
  client: RoomClient;
  state: RoomState;
  role: Role;
  viewerId: string;
  /** What was last selected in the pad or on the board, for a note on selection. */
  onSelection?: (selected: EvidenceAnchor | null) => void;
}

function statusText({ status, unsaved }: DocumentSnapshot, noun: string): string {
  if (status === 'connecting') return `Opening the ${noun}…`;
  if (status === 'offline')
    return 'Offline: your changes are kept here and sent when the room is back.';
  return unsaved ? 'Saving…' : 'Saved';
}

/**
 * What this person may do with a document now: what the server granted when it opened, narrowed
 * at once by the room's settings (the server's own answer follows when the channel opens again).
 */
function accessNow(
  snapshot: DocumentSnapshot,
  documentId: DocumentId,
  role: Role,
  state: RoomState,
): 'write' | 'read' {
  return snapshot.access === 'write' &&
    documentAccess(documentId, role, state.workspace) === 'write'
    ? 'write'
    : 'read';
}

/**
 * One of the interviewer's workspace settings as a checkbox; everyone else reads what it means
 * for them when it is on.
 */
function WorkspaceSetting({
  client,
  state,
  role,
  on,
  change,
  label,
  whenOn,
}: {
  client: RoomClient;
  state: RoomState;
  role: Role;
  on: boolean;
  /** The settings that turn it on or off. */
  change: (on: boolean) => Partial<WorkspaceSettings>;
  label: string;
  /** What the others are told while it is on; nothing while off. */
  whenOn: string | null;
}) {
  if (!mayRun(role, 'workspace.set')) {
    return on && whenOn ? <p className={styles.setting}>{whenOn}</p> : null;
  }
  return (
    <label className={styles.setting}>
      <input
        type="checkbox"
        checked={on}
        disabled={state.status === 'ended'}
        onChange={(event) => client.send('workspace.set', change(event.target.checked))}
      />{' '}
      {label}
    </label>
  );
}

/** Whether the document opened, and whether what was typed or drawn in it is stored yet. */
function DocumentStatus({ snapshot, noun }: { snapshot: DocumentSnapshot; noun: string }) {
  if (snapshot.error) {
    return (
      <p className={styles.problem} role="alert">
        The {noun} could not be opened: {snapshot.error.message}
      </p>
    );
  }
  // Announced only when it matters: saving goes on with every keystroke.
  return (
    <p className={styles.status} role={snapshot.status === 'synced' ? undefined : 'status'}>
      {statusText(snapshot, noun)}
    </p>
  );
}

/**
 * The room's shared workspace: the tools the round opens with (the code pad, the board, the
 * sheet), any other a click away, the runs everyone has made, and the staff's private notes. A
 * tool opened once stays open, hidden when another is shown, so nothing reloads on the way back.
 */
export function RoomWorkspace({ client, state, role, viewerId, onSelection }: RoomWorkspaceProps) {
  const preset = workspacePreset(state.roundType);
  const [opened, setOpened] = useState<readonly WorkspaceTool[]>(preset);
  const [shown, setShown] = useState<WorkspaceTool | null>(preset[0] ?? null);
  const show = (tool: WorkspaceTool) => {
    setOpened((tools) => (tools.includes(tool) ? tools : [...tools, tool]));
    setShown(tool);
  };
  const user = {
    id: viewerId,
    name: state.participants[viewerId]?.displayName ?? ROLE_LABELS[role],
  };
  const tool: ToolProps = { client, state, role, user };
  return (
    <section className={styles.workspace} aria-label="Workspace">
      <div className={styles.tools} role="group" aria-label="Workspace tools">
        {WORKSPACE_TOOLS.map((tool) => (
          <button
            key={tool}
            type="button"
            className={styles.tool}
            aria-pressed={shown === tool}
            onClick={() => show(tool)}
          >
            {WORKSPACE_TOOL_LABELS[tool]}
          </button>
        ))}
      </div>
      {shown === null && (
        <p className={styles.status}>
          This round opens no tool: its evidence is what is said. Open the code pad, the board or
          the sheet when the conversation needs one.
        </p>
      )}
      <ToolPane tool="pad" opened={opened} shown={shown}>
        <PadTool
          {...tool}
          onSelectionChange={
            onSelection &&
            ((lines) =>
              onSelection(lines && { documentId: 'pad', fromLine: lines.from, toLine: lines.to }))
          }
        />
      </ToolPane>
      <ToolPane tool="board" opened={opened} shown={shown}>
        <BoardTool
          {...tool}
          onSelectionChange={
            onSelection &&
            ((elementIds) =>
              onSelection(
                elementIds.length > 0
                  ? {
                      documentId: 'board',
                      elementIds: elementIds.slice(0, MAX_ANCHORED_ELEMENTS),
                    }
                  : null,
              ))
          }
        />
      </ToolPane>
      <ToolPane tool="sheet" opened={opened} shown={shown}>
        <SheetTool {...tool} />
      </ToolPane>
      <RunLog runs={state.runs} participants={state.participants} />
      {isStaff(role) && <ScratchNotes {...tool} />}
    </section>
  );
}

interface ToolProps {
  client: RoomClient;
  state: RoomState;
  role: Role;
  user: { id: string; name: string };
}

/** A tool once opened, kept mounted and hidden while another is shown. */
function ToolPane({
  tool,
  opened,
  shown,
  children,
}: {
  tool: WorkspaceTool;
  opened: readonly WorkspaceTool[];
  shown: WorkspaceTool | null;
  children: ReactNode;
}) {
  if (!opened.includes(tool)) return null;
  return (
    <div className={styles.pane} hidden={shown !== tool}>
      {children}
    </div>
  );
}

/** The code pad and, for whoever may run code, Run. */
function PadTool({
  client,
  state,
  role,
  user,
  onSelectionChange,
}: ToolProps & { onSelectionChange?: (lines: LineRange | null) => void }) {
  const { channel, snapshot } = useDocument(client, 'pad');
  return (
    <>
      <DocumentStatus snapshot={snapshot} noun="pad" />
      <WorkspaceSetting
        client={client}
        state={state}
        role={role}
        on={state.workspace.padLocked}
        change={(padLocked) => ({ padLocked })}
        label="Lock the pad: nobody types until you unlock it"
        whenOn="The interviewer has locked the pad: it reads as it is until they unlock it."
      />
      {channel && (
        <>
          <LazyCodePad
            doc={channel.doc}
            awareness={channel.awareness}
            access={accessNow(snapshot, 'pad', role, state)}
            user={user}
            onSelectionChange={onSelectionChange}
          />
          {mayRun(role, 'code.run') && (
            <PadRunner doc={channel.doc} ended={state.status === 'ended'} client={client} />
          )}
        </>
      )}
    </>
  );
}

/** The shared board. */
function BoardTool({
  client,
  state,
  role,
  user,
  onSelectionChange,
}: ToolProps & { onSelectionChange?: (elementIds: string[]) => void }) {
  const { channel, snapshot } = useDocument(client, 'board');
  return (
    <>
      <DocumentStatus snapshot={snapshot} noun="board" />
      <WorkspaceSetting
        client={client}
        state={state}
        role={role}
        on={!state.workspace.interviewerDraws}
        change={(leave) => ({ interviewerDraws: !leave })}
        label="Leave the drawing to the candidate: you follow the board"
        whenOn={null}
      />
      {channel && (
        <LazyBoard
          doc={channel.doc}
          awareness={channel.awareness}
          access={accessNow(snapshot, 'board', role, state)}
          user={user}
          sessionId={state.sessionId}
          onSelectionChange={onSelectionChange}
        />
      )}
    </>
  );
}

/** The round's sheet: its requirements, or the notes of one decision. */
function SheetTool({ client, state }: ToolProps) {
  const { channel, snapshot } = useDocument(client, 'sheet');
  return (
    <>
      <DocumentStatus snapshot={snapshot} noun="sheet" />
      {channel && (
        <Sheet
          doc={channel.doc}
          access={snapshot.access ?? 'read'}
          template={sheetTemplate(state.roundType)}
        />
      )}
    </>
  );
}

/**
 * The staff's private notes beside the pad, a document of its own: the server never lets it
 * reach a candidate's socket, so it is opened only by the interviewer and the observers.
 */
function ScratchNotes({ client, user }: ToolProps) {
  const { channel, snapshot } = useDocument(client, 'scratch');
  if (snapshot.error) return <DocumentStatus snapshot={snapshot} noun="private notes" />;
  if (!channel) return null;
  return (
    <LazyCodePad
      kind="notes"
      doc={channel.doc}
      awareness={channel.awareness}
      access={snapshot.access ?? 'read'}
      user={user}
    />
  );
}

/** Run for the pad's language; each finished run is recorded in the room while it is open. */
function PadRunner({ doc, ended, client }: { doc: Y.Doc; ended: boolean; client: RoomClient }) {
  const language = usePadLanguage(doc);
  const getCode = () => padCode(doc).toString();
  const record = ({ code, ...result }: RunResult & { code: string }) => {
    if (ended || !isRunnable(language.id)) return;
    client.send('code.run', {
      language: language.id,
      status: result.status,
      output: result.output,
      durationMs: Math.round(result.durationMs),
      codeVersion: bytesToHex(sha256(new TextEncoder().encode(code))),
    });
  };
  return <RunPanel language={language.id} getCode={getCode} onRun={record} />;
}
