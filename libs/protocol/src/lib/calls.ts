// The call channel: WebRTC signalling and speaking spans over the room's own socket. Media goes
// browser to browser; the server only passes offers, answers and ICE candidates to the one
// person they are addressed to, and stores when each person spoke (never what they said).
import { z } from 'zod';
import { failedAckSchema } from './errors';
import { idSchema } from './values';

/** An SDP blob with audio, video and their codecs is a few kB; this leaves room for many. */
export const MAX_SDP_CHARS = 32 * 1024;
/** One ICE candidate line is well under 200 characters. */
export const MAX_CANDIDATE_CHARS = 1024;
/** Spans in one speech message: a client sends what ended since its last flush. */
export const MAX_SPEECH_SPANS = 100;
/** A span longer than this is a microphone left open on noise, not a person speaking. */
export const MAX_SPEECH_SPAN_MS = 15 * 60_000;

/**
 * One person in the call on one tab: their user id, and the id that tab chose for its place in
 * the call (kept over reconnects, so a peer that re-joins is recognised, not dialled twice).
 */
export const callPeerSchema = z.strictObject({ userId: idSchema, peerId: idSchema });
export type CallPeer = z.infer<typeof callPeerSchema>;

/** call:join and call:leave — this tab takes or gives up its place in the session's call. */
export const callPlaceSchema = z.strictObject({ sessionId: idSchema, peerId: idSchema });
export type CallPlace = z.infer<typeof callPlaceSchema>;

export const sessionDescriptionSchema = z.strictObject({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1).max(MAX_SDP_CHARS),
});
export type SessionDescription = z.infer<typeof sessionDescriptionSchema>;

/** RTCIceCandidateInit as browsers serialise it; an empty candidate ends the gathering. */
export const iceCandidateSchema = z.strictObject({
  candidate: z.string().max(MAX_CANDIDATE_CHARS),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export type IceCandidate = z.infer<typeof iceCandidateSchema>;

/** An offer or answer, or one ICE candidate: what one peer tells another to connect. */
export const signalSchema = z.union([
  z.strictObject({ description: sessionDescriptionSchema }),
  z.strictObject({ candidate: iceCandidateSchema }),
]);
export type Signal = z.infer<typeof signalSchema>;

/**
 * call:signal from a client — addressed to one peer of the same session's call. The server
 * names the sender itself (their user id and the place they joined with).
 */
export const callSignalSchema = z.strictObject({
  sessionId: idSchema,
  to: callPeerSchema,
  signal: signalSchema,
});
export type CallSignal = z.infer<typeof callSignalSchema>;

/** call:signal to a client — from whom, and what. */
export const callSignalMessageSchema = z.object({
  sessionId: idSchema,
  from: callPeerSchema,
  signal: signalSchema,
});
export type CallSignalMessage = z.infer<typeof callSignalMessageSchema>;

/** call:joined and call:left — a peer took or gave up a place in the call. */
export const callPeerMessageSchema = z.object({ sessionId: idSchema, peer: callPeerSchema });
export type CallPeerMessage = z.infer<typeof callPeerMessageSchema>;

export const callAckSchema = z.union([z.object({ ok: z.literal(true) }), failedAckSchema]);
export type CallAck = z.infer<typeof callAckSchema>;

/** When one person spoke, by the server's clock (epoch ms), as their own browser measured it. */
export const speechSpanSchema = z
  .strictObject({ startAt: z.number().int().positive(), endAt: z.number().int().positive() })
  .refine(({ startAt, endAt }) => endAt > startAt, {
    path: ['endAt'],
    message: 'A span ends after it starts.',
  })
  .refine(({ startAt, endAt }) => endAt - startAt <= MAX_SPEECH_SPAN_MS, {
    path: ['endAt'],
    message: `A span lasts at most ${MAX_SPEECH_SPAN_MS / 60_000} minutes.`,
  });
export type SpeechSpan = z.infer<typeof speechSpanSchema>;

/**
 * call:speech — spans the sender's microphone measured, sent as they end. The batch id makes a
 * re-send after a reconnect safe: a batch already stored is answered again, not stored twice.
 */
export const callSpeechSchema = z.strictObject({
  sessionId: idSchema,
  batchId: idSchema,
  spans: z.array(speechSpanSchema).min(1).max(MAX_SPEECH_SPANS),
});
export type CallSpeech = z.infer<typeof callSpeechSchema>;

/**
 * GET /api/calls/ice-servers — the STUN and TURN servers to try, TURN with credentials that
 * expire (the coturn `use-auth-secret` scheme). Empty when none are configured: then only peers
 * that can reach each other directly (the same network) connect.
 */
export const iceServersSchema = z.object({
  iceServers: z.array(
    z.object({
      urls: z.array(z.string()),
      username: z.string().optional(),
      credential: z.string().optional(),
    }),
  ),
  /** When the TURN credentials stop working (epoch ms); null with no TURN server. */
  expiresAt: z.number().int().nullable(),
});
export type IceServers = z.infer<typeof iceServersSchema>;

export interface CallClientEvents {
  'call:join': (place: CallPlace, ack: (answer: CallAck) => void) => void;
  'call:leave': (place: CallPlace, ack: (answer: CallAck) => void) => void;
  'call:signal': (signal: CallSignal, ack: (answer: CallAck) => void) => void;
  'call:speech': (speech: CallSpeech, ack: (answer: CallAck) => void) => void;
}

export interface CallServerEvents {
  'call:signal': (message: CallSignalMessage) => void;
  'call:joined': (message: CallPeerMessage) => void;
  'call:left': (message: CallPeerMessage) => void;
}
