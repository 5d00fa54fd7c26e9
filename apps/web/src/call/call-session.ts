import type { SpeechSpan } from '@signal-room/protocol';
import type { RoomClient } from '@signal-room/room-client';
import { CallChannel } from '@signal-room/room-client';
import { getIceServers } from '../api/client';
import type { PeerView } from './mesh';
import { Mesh } from './mesh';
import { meterVoice } from './voice-activity';

export interface CallView {
  /** out: not in the call; starting: asking for the microphone and a place; in: in it. */
  phase: 'out' | 'starting' | 'in';
  muted: boolean;
  cameraOn: boolean;
  speaking: boolean;
  /** This tab's own microphone and camera, for its preview and the recorder. */
  local: MediaStream | null;
  peers: PeerView[];
  microphones: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
  microphoneId: string | null;
  cameraId: string | null;
  /** Whether the room connection is down: the media may go on, new peers cannot connect. */
  signallingOffline: boolean;
  /** Why the call could not start or a device could not be used, in words for the person. */
  problem: string | null;
  /** Whether TURN is configured: without it, peers on other networks may be unreachable. */
  relayed: boolean;
}

/** The call before this tab joins it. */
export const CALL_OUT: CallView = {
  phase: 'out',
  muted: false,
  cameraOn: false,
  speaking: false,
  local: null,
  peers: [],
  microphones: [],
  cameras: [],
  microphoneId: null,
  cameraId: null,
  signallingOffline: false,
  problem: null,
  relayed: false,
};

/** What the browser's refusal to open a device means for the person. */
export function deviceProblem(error: unknown, device: 'microphone' | 'camera'): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') {
    return `The browser was not allowed to use your ${device}. Allow it for this site (the icon in the address bar), then try again.`;
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return `No ${device} was found. Plug one in, or pick another, and try again.`;
  }
  if (name === 'NotReadableError') {
    return `Your ${device} is in use by another program or could not be started.`;
  }
  return `Your ${device} could not be opened.`;
}

/**
 * This tab's side of the room's call: the microphone (on when joining) and optional camera, a
 * mesh of connections to everyone else in the call signalled over the room's socket, and the
 * voice-activity meter whose spans go to the room for the talk-time.
 */
export class CallSession {
  private view: CallView = CALL_OUT;
  private readonly listeners = new Set<() => void>();
  private readonly channel: CallChannel;
  private mesh: Mesh | null = null;
  private microphone: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private stopMeter: () => void = () => undefined;
  private readonly unfollow: () => void;

  constructor(
    private readonly client: RoomClient,
    private readonly viewerId: string,
  ) {
    this.channel = CallChannel.follow(client, {
      joined: (peer) => void this.mesh?.joined(peer),
      left: (peer) => this.mesh?.left(peer),
      signal: (from, signal) => void this.mesh?.signal(from, signal),
    });
    const unchannel = this.channel.subscribe(() => this.sync());
    const unclient = client.subscribe(() => this.dropRemoved());
    this.unfollow = () => {
      unchannel();
      unclient();
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CallView => this.view;

  async join(): Promise<void> {
    if (this.view.phase !== 'out') return;
    this.update({ phase: 'starting', problem: null });
    try {
      this.microphone = await this.openTrack('audio', this.view.microphoneId);
    } catch (error) {
      this.update({ phase: 'out', problem: deviceProblem(error, 'microphone') });
      return;
    }
    const ice = await getIceServers().catch(() => ({ iceServers: [], expiresAt: null }));
    this.mesh = new Mesh({
      self: { userId: this.viewerId, peerId: this.channel.peerId },
      iceServers: ice.iceServers,
      send: (to, signal) => this.channel.signal(to, signal),
      changed: () => this.update({ peers: this.mesh?.peers ?? [] }),
    });
    this.mesh.setTracks(this.microphone, null);
    this.startMeter();
    await this.listDevices();
    this.update({
      phase: 'in',
      muted: false,
      relayed: ice.iceServers.some((server) => server.username !== undefined),
    });
    await this.channel.join();
  }

  async leave(): Promise<void> {
    if (this.view.phase === 'out') return;
    this.stopMeter();
    this.mesh?.close();
    this.mesh = null;
    for (const track of [this.microphone, this.camera]) track?.stop();
    this.microphone = null;
    this.camera = null;
    this.update({ ...CALL_OUT, microphones: this.view.microphones, cameras: this.view.cameras });
    await Promise.all([this.channel.flushSpeech(), this.channel.leave()]);
  }

  toggleMute(): void {
    if (!this.microphone) return;
    this.microphone.enabled = !this.microphone.enabled;
    this.update({ muted: !this.microphone.enabled });
  }

  async toggleCamera(): Promise<void> {
    if (this.camera) {
      this.camera.stop();
      this.camera = null;
    } else {
      try {
        this.camera = await this.openTrack('video', this.view.cameraId);
      } catch (error) {
        this.update({ problem: deviceProblem(error, 'camera') });
        return;
      }
    }
    this.mesh?.setTracks(this.microphone, this.camera);
    this.update({ cameraOn: this.camera !== null, local: this.localStream(), problem: null });
  }

  /** Moves the call to another microphone (or camera) without leaving it. */
  async choose(kind: 'audio' | 'video', deviceId: string): Promise<void> {
    const device = kind === 'audio' ? 'microphone' : 'camera';
    if (kind === 'video' && !this.camera) return this.update({ cameraId: deviceId });
    try {
      const track = await this.openTrack(kind, deviceId);
      if (kind === 'audio') {
        track.enabled = !this.view.muted;
        this.microphone?.stop();
        this.microphone = track;
        this.stopMeter();
        this.startMeter();
      } else {
        this.camera?.stop();
        this.camera = track;
      }
    } catch (error) {
      this.update({ problem: deviceProblem(error, device) });
      return;
    }
    this.mesh?.setTracks(this.microphone, this.camera);
    this.update({
      ...(kind === 'audio' ? { microphoneId: deviceId } : { cameraId: deviceId }),
      local: this.localStream(),
      problem: null,
    });
  }

  close(): void {
    void this.leave();
    this.unfollow();
    this.channel.close();
  }

  private async openTrack(kind: 'audio' | 'video', deviceId: string | null) {
    const constraints = deviceId ? { deviceId: { exact: deviceId } } : true;
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraints });
    const [track] = kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();
    if (!track) throw new DOMException('no track', 'NotFoundError');
    return track;
  }

  private startMeter(): void {
    const microphone = this.microphone;
    if (!microphone) return;
    this.stopMeter = meterVoice(
      new MediaStream([microphone]),
      () => this.client.serverNow(),
      (span) => this.speak(span),
      (speaking) => this.update({ speaking }),
    );
    this.update({ local: this.localStream() });
  }

  /** A span begun after the round ended is not the round's (the call may go on for a debrief). */
  private speak(span: SpeechSpan): void {
    const endedAt = this.client.getSnapshot().state?.endedAt ?? null;
    if (endedAt === null || span.startAt <= endedAt) this.channel.speak(span);
  }

  private localStream(): MediaStream | null {
    const tracks = [this.microphone, this.camera].filter((track) => track !== null);
    return tracks.length > 0 ? new MediaStream(tracks) : null;
  }

  /** Device names are only told once the person has allowed a device. */
  private async listDevices(): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    this.update({
      microphones: devices.filter((device) => device.kind === 'audioinput'),
      cameras: devices.filter((device) => device.kind === 'videoinput'),
      microphoneId: this.microphone?.getSettings().deviceId ?? null,
    });
  }

  /**
   * Nobody removed from the session stays connected to this tab, and a tab whose person was
   * removed (or signed out) leaves the call and lets go of the microphone.
   */
  private dropRemoved(): void {
    const { status, state } = this.client.getSnapshot();
    if (status === 'failed' || status === 'signed-out') {
      void this.leave();
      return;
    }
    const participants = state?.participants;
    if (!participants || !this.mesh) return;
    for (const { peer } of this.mesh.peers) {
      if (!participants[peer.userId]) this.mesh.left(peer);
    }
  }

  private sync(): void {
    const { status } = this.channel.getSnapshot();
    this.update({ signallingOffline: this.view.phase === 'in' && status === 'offline' });
  }

  private update(change: Partial<CallView>): void {
    this.view = { ...this.view, ...change };
    for (const listener of this.listeners) listener();
  }
}
