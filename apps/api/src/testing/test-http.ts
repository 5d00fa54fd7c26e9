import type { Role } from '@signal-room/domain';
import type {
  ApiError,
  AuthResponse,
  CommandAck,
  CreateSessionBody,
  Invite,
  SessionSummary,
} from '@signal-room/protocol';
import { errorResponseSchema } from '@signal-room/protocol';
import type { TestApp } from './test-app';

/** The header a signed-in request carries. */
export const bearer = (token: string): { Authorization: string } => ({
  Authorization: `Bearer ${token}`,
});

/** The error of a failed response, checked against the one error shape on the way. */
export const errorOf = (body: unknown): ApiError => errorResponseSchema.parse(body).error;

/** The sequence number of an accepted command; a refusal fails the test with its code. */
export async function accepted(ack: Promise<CommandAck>): Promise<number> {
  const answer = await ack;
  if (!answer.ok) throw new Error(`refused: ${answer.error.code} ${answer.error.message}`);
  return answer.seq;
}

/** A session created by `owner`, who is its interviewer. */
export async function createSession(
  t: TestApp,
  owner: AuthResponse,
  body: Partial<CreateSessionBody> = {},
): Promise<SessionSummary> {
  const response = await t
    .http()
    .post('/api/sessions')
    .set(bearer(owner.token))
    .send({ roundType: 'system-design', ...body })
    .expect(201);
  return response.body as SessionSummary;
}

/** An invite link of `role`, made by the session's interviewer. */
export async function createInvite(
  t: TestApp,
  sessionId: string,
  owner: AuthResponse,
  role: Exclude<Role, 'interviewer'>,
): Promise<Invite & { token: string }> {
  const response = await t
    .http()
    .post(`/api/sessions/${sessionId}/invites`)
    .set(bearer(owner.token))
    .send({ role })
    .expect(201);
  return response.body as Invite & { token: string };
}

/** `guest` enters the session through a fresh link of `role`. */
export async function admit(
  t: TestApp,
  sessionId: string,
  owner: AuthResponse,
  guest: AuthResponse,
  role: Exclude<Role, 'interviewer'>,
): Promise<SessionSummary> {
  const invite = await createInvite(t, sessionId, owner, role);
  const response = await t
    .http()
    .post(`/api/invites/${invite.token}/accept`)
    .set(bearer(guest.token))
    .expect(201);
  return response.body as SessionSummary;
}
