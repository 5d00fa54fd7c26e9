import type { EvidenceAnchor } from '@signal-room/domain';
import { roundTypeById } from '@signal-room/domain';
import { useState } from 'react';
import { Navigate, useLocation, useParams } from 'react-router';
import { useAuth } from '../auth/auth-store';
import { CallPanel } from '../call/call-panel';
import { useCall } from '../call/use-call';
import { CandidateView } from './candidate-view';
import { ConnectionStatus } from './connection-status';
import { RefusalAlert } from './refusal-alert';
import { MeetingLink } from './meeting-link';
import { RecordingBar } from '../recording/recording-bar';
import { RoomHeader } from './room-header';
import { RoomWorkspace } from './room-workspace';
import { JoinErrorNotice, SignedOutNotice } from './room-notice';
import { StaffView } from './staff-view';
import { useRoom } from './use-room';
import styles from './room-page.module.css';

/** /sessions/:id — the live room. Each session gets its own connection, so key by the id. */
export default function RoomPage() {
  const { id } = useParams();
  if (!id) return <Navigate to="/dashboard" replace />;
  return <LiveRoom key={id} sessionId={id} />;
}

function LiveRoom({ sessionId }: { sessionId: string }) {
  const { room, client } = useRoom(sessionId);
  const viewerId = useAuth()?.user.id ?? null;
  const { call, session } = useCall(client, viewerId ?? '');

  const { pathname } = useLocation();
  const { role, pending } = room;
  const [workspaceSelection, setWorkspaceSelection] = useState<EvidenceAnchor | null>(null);
  // What the person sees is the room with their unsent work laid over it.
  const state = room.view?.state ?? null;
  const unsent = room.view?.unsent;

  if (room.status === 'signed-out')
    return <SignedOutNotice next={pathname} pending={pending.length} />;
  if (room.joinError) return <JoinErrorNotice error={room.joinError} pending={pending.length} />;
  if (!state || !unsent || !role || !viewerId) {
    return (
      <div className={styles.joining}>
        <p className="muted">Joining the room…</p>
        <ConnectionStatus status={room.status} pending={pending.length} joinedBefore={false} />
      </div>
    );
  }

  // Only the staff point notes at the pad's lines or the board's shapes.
  const workspace = (
    <RoomWorkspace
      client={client}
      state={state}
      role={role}
      viewerId={viewerId}
      onSelection={role === 'candidate' ? undefined : setWorkspaceSelection}
    />
  );
  return (
    <div className={styles.room}>
      <title>{`${roundTypeById(state.roundType).name} · Signal Room`}</title>
      <RoomHeader
        state={state}
        role={role}
        viewerId={viewerId}
        connection={room.status}
        pending={pending.length}
        serverNow={() => client.serverNow()}
        onRemove={(person) => {
          const question = `Remove ${person.displayName} from this session? Their sockets leave the room at once, and their invite link no longer lets them back in.`;
          if (window.confirm(question))
            client.send('participant.remove', { userId: person.userId });
        }}
      />
      <CallPanel
        call={call}
        controls={session}
        state={state}
        meetingLink={<MeetingLink client={client} state={state} role={role} />}
      >
        {/* Its own microphone track: a call that starts, or a device that changes, mid-recording
            must not restart the recorder's numbering of the chunks it has sent. */}
        <RecordingBar
          sessionId={sessionId}
          state={state}
          role={role}
          viewerId={viewerId}
          actions={client}
        />
      </CallPanel>
      {room.refusal && (
        <RefusalAlert refusal={room.refusal} onDismiss={() => client.dismissRefusal()} />
      )}
      {role === 'candidate' ? (
        <CandidateView state={state} pending={pending} actions={client} workspace={workspace} />
      ) : (
        <StaffView
          state={state}
          role={role}
          viewerId={viewerId}
          pending={pending}
          unsent={unsent}
          actions={client}
          workspaceSelection={workspaceSelection}
          workspace={workspace}
        />
      )}
    </div>
  );
}
