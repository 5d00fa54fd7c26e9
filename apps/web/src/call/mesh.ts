import type { CallAck, CallPeer, IceCandidate, Signal } from '@signal-room/protocol';

/** connecting: dialling or answering; unreachable: ICE found no route, or none in time. */
export type PeerLink = 'connecting' | 'connected' | 'reconnecting' | 'unreachable';
export type Quality = 'good' | 'fair' | 'poor';

export interface PeerView {
  peer: CallPeer;
  link: PeerLink;
  quality: Quality | null;
  /** Round trip in ms and the share of audio packets lost, from the last stats reading. */
  roundTripMs: number | null;
  lossPercent: number | null;
  /** Audio bytes received from this peer so far. */
  audioBytes: number;
  speaking: boolean;
  stream: MediaStream;
  /** Whether their camera is sending. */
  video: boolean;
}

/** A peer not connected after this long is shown as unreachable (ICE may go on trying). */
export const UNREACHABLE_AFTER_MS = 20_000;
const STATS_MS = 1000;
/** Peers' loudness is read more often than the stats, so the speaking mark keeps up. */
const LEVELS_MS = 250;
/** An audio level (0–1) above this on a peer's stream shows them as speaking. */
const SPEAKING_LEVEL = 0.03;

interface Link {
  peer: CallPeer;
  pc: RTCPeerConnection;
  stream: MediaStream;
  /** Candidates that came before the description they belong to. */
  early: IceCandidate[];
  view: PeerView;
  giveUp: ReturnType<typeof setTimeout>;
  lastBytes: { at: number; lost: number; received: number } | null;
}

export interface MeshOptions {
  self: CallPeer;
  iceServers: RTCIceServer[];
  send: (to: CallPeer, signal: Signal) => Promise<CallAck>;
  changed: () => void;
}

/** good under 250 ms and 2% loss, fair under 500 ms and 8%, else poor. */
export function qualityOf(roundTripMs: number | null, lossPercent: number | null): Quality | null {
  if (roundTripMs === null && lossPercent === null) return null;
  const rtt = roundTripMs ?? 0;
  const loss = lossPercent ?? 0;
  if (rtt < 250 && loss < 2) return 'good';
  if (rtt < 500 && loss < 8) return 'fair';
  return 'poor';
}

const keyOf = (peer: CallPeer) => `${peer.userId}:${peer.peerId}`;

/**
 * The call's mesh from this tab: one RTCPeerConnection per other place in the call. The one
 * already in the call dials whoever joins, so two never dial each other; if they do (a join
 * told twice over two nodes), the peer with the greater id yields. Every connection carries an
 * audio and a video transceiver from the start, so muting, turning the camera on or off and
 * changing devices only swap tracks and never renegotiate.
 */
export class Mesh {
  private readonly links = new Map<string, Link>();
  private microphone: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private readonly timers: ReturnType<typeof setInterval>[];

  constructor(private readonly options: MeshOptions) {
    this.timers = [
      setInterval(() => void this.readStats(), STATS_MS),
      setInterval(() => this.readLevels(), LEVELS_MS),
    ];
  }

  get peers(): PeerView[] {
    return [...this.links.values()].map((link) => link.view);
  }

  /** The tracks sent to everyone: a null camera sends no video. */
  setTracks(microphone: MediaStreamTrack | null, camera: MediaStreamTrack | null): void {
    this.microphone = microphone;
    this.camera = camera;
    for (const link of this.links.values()) void this.attachTracks(link);
  }

  /** Someone took a place in the call: dial them, unless already connected to that place. */
  async joined(peer: CallPeer): Promise<void> {
    const held = this.links.get(keyOf(peer));
    if (held && (held.view.link === 'connected' || held.view.link === 'connecting')) return;
    const link = this.open(peer);
    link.pc.addTransceiver('audio', { direction: 'sendrecv' });
    link.pc.addTransceiver('video', { direction: 'sendrecv' });
    await this.attachTracks(link);
    await link.pc.setLocalDescription();
    const description = link.pc.localDescription;
    if (description) void this.send(link, { description: { type: 'offer', sdp: description.sdp } });
  }

  left(peer: CallPeer): void {
    this.close(keyOf(peer));
  }

  async signal(from: CallPeer, signal: Signal): Promise<void> {
    if ('candidate' in signal) {
      const link = this.links.get(keyOf(from));
      if (!link) return;
      if (link.pc.remoteDescription)
        await link.pc.addIceCandidate(signal.candidate).catch(() => undefined);
      else link.early.push(signal.candidate);
      return;
    }
    const { description } = signal;
    if (description.type === 'answer') {
      const link = this.links.get(keyOf(from));
      if (link?.pc.signalingState === 'have-local-offer') {
        await link.pc.setRemoteDescription(description);
        await this.addEarly(link);
      }
      return;
    }
    const held = this.links.get(keyOf(from));
    const collision = held?.pc.signalingState === 'have-local-offer';
    // Both dialled: the greater id yields and answers; the other waits for its answer.
    if (collision && this.options.self.peerId < from.peerId) return;
    const link = this.open(from);
    await link.pc.setRemoteDescription(description);
    for (const transceiver of link.pc.getTransceivers()) transceiver.direction = 'sendrecv';
    await this.attachTracks(link);
    await this.addEarly(link);
    await link.pc.setLocalDescription();
    const answer = link.pc.localDescription;
    if (answer) void this.send(link, { description: { type: 'answer', sdp: answer.sdp } });
  }

  close(key?: string): void {
    if (key === undefined) {
      for (const timer of this.timers) clearInterval(timer);
      for (const held of [...this.links.keys()]) this.close(held);
      return;
    }
    const link = this.links.get(key);
    if (!link) return;
    clearTimeout(link.giveUp);
    link.pc.close();
    this.links.delete(key);
    this.options.changed();
  }

  /** A fresh connection to `peer`, replacing any earlier one. */
  private open(peer: CallPeer): Link {
    this.close(keyOf(peer));
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    const stream = new MediaStream();
    const link: Link = {
      peer,
      pc,
      stream,
      early: [],
      lastBytes: null,
      giveUp: setTimeout(() => {
        if (link.view.link === 'connecting') this.view(link, { link: 'unreachable' });
      }, UNREACHABLE_AFTER_MS),
      view: {
        peer,
        link: 'connecting',
        quality: null,
        roundTripMs: null,
        lossPercent: null,
        audioBytes: 0,
        speaking: false,
        stream,
        video: false,
      },
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) void this.send(link, { candidate: candidate.toJSON() as IceCandidate });
    };
    pc.ontrack = ({ track }) => {
      stream.addTrack(track);
      this.options.changed();
    };
    pc.onconnectionstatechange = () => {
      const state = pc.connectionState;
      if (state === 'connected') {
        clearTimeout(link.giveUp);
        this.view(link, { link: 'connected' });
      } else if (state === 'disconnected') this.view(link, { link: 'reconnecting' });
      else if (state === 'failed') this.view(link, { link: 'unreachable' });
    };
    this.links.set(keyOf(peer), link);
    this.options.changed();
    return link;
  }

  private async attachTracks(link: Link): Promise<void> {
    const [audio, video] = link.pc.getTransceivers();
    await Promise.all([
      audio?.sender.replaceTrack(this.microphone),
      video?.sender.replaceTrack(this.camera),
    ]);
  }

  private async addEarly(link: Link): Promise<void> {
    for (const candidate of link.early.splice(0)) {
      await link.pc.addIceCandidate(candidate).catch(() => undefined);
    }
  }

  private async send(link: Link, signal: Signal): Promise<void> {
    const answer = await this.options.send(link.peer, signal);
    // A peer that left the session meanwhile cannot be reached through us either.
    if (!answer.ok && !answer.error.retryable) this.view(link, { link: 'unreachable' });
  }

  private readLevels(): void {
    for (const link of this.links.values()) {
      if (link.view.link !== 'connected') continue;
      const level = link.pc
        .getReceivers()
        .flatMap((receiver) => receiver.getSynchronizationSources())
        .reduce((loudest, source) => Math.max(loudest, source.audioLevel ?? 0), 0);
      const speaking = level > SPEAKING_LEVEL;
      if (speaking !== link.view.speaking) this.view(link, { speaking });
    }
  }

  /** Round trip, loss, bytes received and whether video arrives. */
  private async readStats(): Promise<void> {
    for (const link of this.links.values()) {
      if (link.view.link !== 'connected') continue;
      const report = await link.pc.getStats().catch(() => null);
      if (!report) continue;
      let roundTripMs: number | null = null;
      let received = 0;
      let lost = 0;
      let bytes = 0;
      let videoFrames = 0;
      report.forEach((entry: Record<string, unknown>) => {
        if (
          entry['type'] === 'candidate-pair' &&
          entry['nominated'] &&
          entry['state'] === 'succeeded'
        ) {
          const rtt = entry['currentRoundTripTime'];
          if (typeof rtt === 'number') roundTripMs = Math.round(rtt * 1000);
        }
        if (entry['type'] === 'inbound-rtp' && entry['kind'] === 'audio') {
          received += Number(entry['packetsReceived'] ?? 0);
          lost += Number(entry['packetsLost'] ?? 0);
          bytes += Number(entry['bytesReceived'] ?? 0);
        }
        if (entry['type'] === 'inbound-rtp' && entry['kind'] === 'video') {
          videoFrames += Number(entry['framesDecoded'] ?? 0);
        }
      });
      const last = link.lastBytes;
      const newPackets = last ? received - last.received + (lost - last.lost) : received + lost;
      const lossPercent =
        newPackets > 0 ? Math.max(0, (100 * (lost - (last?.lost ?? 0))) / newPackets) : null;
      link.lastBytes = { at: Date.now(), lost, received };
      this.view(link, {
        roundTripMs,
        lossPercent: lossPercent === null ? null : Math.round(lossPercent * 10) / 10,
        quality: qualityOf(roundTripMs, lossPercent),
        audioBytes: bytes,
        video: videoFrames > 0 && link.stream.getVideoTracks().some((track) => !track.muted),
      });
    }
  }

  private view(link: Link, change: Partial<PeerView>): void {
    link.view = { ...link.view, ...change };
    this.options.changed();
  }
}
