import { createHash, randomBytes } from 'node:crypto';

/** A fresh bearer secret for a link: shown once to whoever made it, never stored. */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a link token, so a database leak opens nothing. */
export const hashLinkToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
