import { z } from 'zod';
import { displayNameSchema } from './values';

export const emailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());
/** Long rather than clever: length is what makes a password hard to guess. */
export const passwordSchema = z.string().min(10, 'Use at least 10 characters.').max(200);

/** POST /api/auth/register */
export const registerBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

/** POST /api/auth/login */
export const loginBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

/** The answer to register and login: a bearer token for HTTP and the socket handshake. */
export const authResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: userSchema,
});
export type AuthResponse = z.infer<typeof authResponseSchema>;
