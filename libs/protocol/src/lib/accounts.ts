import { z } from 'zod';
import { displayNameSchema } from './values';

export const emailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());
export const PASSWORD_MIN_LENGTH = 10;
/**
 * Long rather than clever: length is what makes a password hard to guess. The server also refuses
 * common passwords and the account's own e-mail address; that list is too large to ship here.
 */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200);

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

/** POST /api/auth/password: the answer is a fresh token, since every earlier one is revoked. */
export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

/** The answer to register, login and a password change: a bearer token for HTTP and sockets. */
export const authResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: userSchema,
});
export type AuthResponse = z.infer<typeof authResponseSchema>;
