import type { RoomState } from '@signal-room/domain';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import type { CallView } from './call-session';
import type { PeerView } from './mesh';
import styles from './call-panel.module.css';

/** What the controls of the call do; the session behind them is CallSession. */
export interface CallControls {
  join(): Promise<void>;
  leave(): Promise<void>;
  toggleMute(): void;
  toggleCamera(): Promise<void>;
  choose(kind: 'audio' | 'video', deviceId: string): Promise<void>;
}

const LINK_LABELS: Record<PeerView['link'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Connection lost, reconnecting…',
  unreachable: 'Cannot be reached',
};

/** A media element showing `stream`; React cannot set srcObject as an attribute. */
function useStream<E extends HTMLMediaElement>(stream: MediaStream | null) {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return ref;
}

function PeerTile({ view, name, relayed }: { view: PeerView; name: string; relayed: boolean }) {
  const audio = useStream<HTMLAudioElement>(view.stream);
  const video = useStream<HTMLVideoElement>(view.stream);
  const detail =
    view.roundTripMs === null
      ? undefined
      : `Round trip ${view.roundTripMs} ms · ${view.lossPercent ?? 0}% of audio lost`;
  return (
    <li
      className={`${styles.tile} ${view.speaking ? styles.speaking : ''}`}
      data-link={view.link}
      data-audio-bytes={view.audioBytes}
    >
      <audio ref={audio} autoPlay />
      <video ref={video} autoPlay playsInline muted hidden={!view.video} className={styles.video} />
      <span className={styles.name}>
        {name}
        {view.speaking && <span className={styles.talking}> · speaking</span>}
      </span>
      <span className={styles.link} title={detail}>
        {LINK_LABELS[view.link]}
        {view.link === 'connected' && view.quality && ` · ${view.quality} connection`}
      </span>
      {view.link === 'unreachable' && (
        <span className={styles.problem}>
          {relayed
            ? `No route to ${name} even through the relay server. Check their network, or use a meeting link.`
            : `${name} is on a network this call cannot reach directly, and no TURN relay server is configured (see docs/deploy.md). Use a meeting link meanwhile.`}
        </span>
      )}
    </li>
  );
}

/**
 * The room's own call: join with the microphone on, mute, camera, devices, and a tile per person
 * with whether they are speaking and how their connection holds. Until this person is in it,
 * the bar also holds the meeting link, for a call held elsewhere; `children` (the recording)
 * stay on it throughout.
 */
export function CallPanel({
  call,
  controls,
  state,
  meetingLink,
  children,
}: {
  call: CallView;
  controls: CallControls;
  state: RoomState;
  meetingLink?: ReactNode;
  children?: ReactNode;
}) {
  const preview = useStream<HTMLVideoElement>(call.local);
  const nameOf = (userId: string) => state.participants[userId]?.displayName ?? 'Someone';

  if (call.phase !== 'in') {
    return (
      <section className={styles.call} aria-label="Call">
        <button
          type="button"
          className={styles.primary}
          disabled={call.phase === 'starting'}
          title="Voice in the room, microphone on; the camera is up to you"
          onClick={() => void controls.join()}
        >
          {call.phase === 'starting' ? 'Joining the call…' : 'Join the call'}
        </button>
        {meetingLink}
        {children}
        {call.problem && (
          <p className={styles.problem} role="alert">
            {call.problem}
          </p>
        )}
      </section>
    );
  }

  return (
    <section className={styles.call} aria-label="Call">
      <div className={styles.controls}>
        <button type="button" aria-pressed={call.muted} onClick={() => controls.toggleMute()}>
          {call.muted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          aria-pressed={call.cameraOn}
          onClick={() => void controls.toggleCamera()}
        >
          {call.cameraOn ? 'Camera off' : 'Camera on'}
        </button>
        <label>
          Microphone{' '}
          <select
            value={call.microphoneId ?? ''}
            onChange={(event) => void controls.choose('audio', event.target.value)}
          >
            {call.microphones.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || `Microphone ${index + 1}`}
              </option>
            ))}
          </select>
        </label>
        {call.cameras.length > 0 && (
          <label>
            Camera{' '}
            <select
              value={call.cameraId ?? ''}
              onChange={(event) => void controls.choose('video', event.target.value)}
            >
              <option value="">Default camera</option>
              {call.cameras.map((device, index) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || `Camera ${index + 1}`}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className={styles.leave} onClick={() => void controls.leave()}>
          Leave the call
        </button>
      </div>
      {children}
      {call.problem && (
        <p className={styles.problem} role="alert">
          {call.problem}
        </p>
      )}
      {call.signallingOffline && (
        <p className="muted">
          The room connection is down: the call goes on, but nobody new can join it until it is
          back.
        </p>
      )}
      <ul className={styles.tiles}>
        <li className={`${styles.tile} ${call.speaking ? styles.speaking : ''}`}>
          <video
            ref={preview}
            autoPlay
            playsInline
            muted
            hidden={!call.cameraOn}
            className={styles.video}
          />
          <span className={styles.name}>
            You{call.muted ? ' (muted)' : ''}
            {call.speaking && <span className={styles.talking}> · speaking</span>}
          </span>
        </li>
        {call.peers.map((view) => (
          <PeerTile
            key={`${view.peer.userId}:${view.peer.peerId}`}
            view={view}
            name={nameOf(view.peer.userId)}
            relayed={call.relayed}
          />
        ))}
      </ul>
      {call.peers.length === 0 && (
        <p className="muted">Nobody else is in the call yet; they join from this bar.</p>
      )}
    </section>
  );
}
