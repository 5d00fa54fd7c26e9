import { Inject, Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../app.tokens';
import { AppException } from '../common/app-exception';
import { RateLimiters } from '../common/rate-limiters';
import type { AppConfig } from '../config';

/** The window every sign-in and sign-up limit counts over. */
const WINDOW_SECONDS = 15 * 60;

const inAbout = (seconds: number): string =>
  seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;

/**
 * How many sign-ins and sign-ups a client gets before it is told to wait (429 RATE_LIMITED with
 * Retry-After), checked before any password is hashed so a refusal costs next to nothing.
 *
 * Failed sign-ins count against the e-mail tried, so guessing one account's password is slow
 * from any number of addresses, and against the client's address, so one client spraying many
 * e-mails is slow too. Every attempt takes a point first and a success gives it back: counting
 * only after the hash would let a burst all get through before the first failure was counted.
 * An unknown e-mail counts like a known one, so a refusal says nothing about which exist. The
 * price: anyone can hold an account's sign-in shut for a window by failing at it on purpose.
 *
 * The counts are kept by RateLimiters: in Redis when it is configured, so every node shares them.
 */
@Injectable()
export class AuthThrottle {
  private readonly accountFailures: RateLimiterAbstract;
  private readonly addressFailures: RateLimiterAbstract;
  private readonly registrations: RateLimiterAbstract;

  constructor(limiters: RateLimiters, @Inject(APP_CONFIG) config: AppConfig) {
    this.accountFailures = limiters.create(
      'login-account',
      config.loginFailuresPerAccount,
      WINDOW_SECONDS,
    );
    this.addressFailures = limiters.create(
      'login-address',
      config.loginFailuresPerAddress,
      WINDOW_SECONDS,
    );
    this.registrations = limiters.create(
      'register-address',
      config.registrationsPerAddress,
      WINDOW_SECONDS,
    );
  }

  /** Takes a sign-in attempt from the e-mail's and the client's allowance, or refuses it. */
  loginAttempt(email: string, client: string): Promise<void> {
    return this.take(
      [
        [this.accountFailures, email],
        [this.addressFailures, client],
      ],
      'Too many failed sign-ins.',
    );
  }

  /** A sign-in that succeeded was no failure: its attempt is given back. */
  async loginSucceeded(email: string, client: string): Promise<void> {
    await Promise.all([this.accountFailures.reward(email), this.addressFailures.reward(client)]);
  }

  /** Takes an attempt to create an account from the client's allowance, or refuses it. */
  registrationAttempt(client: string): Promise<void> {
    return this.take([[this.registrations, client]], 'Too many accounts created from here.');
  }

  private async take(limits: [RateLimiterAbstract, string][], why: string): Promise<void> {
    const results = await Promise.allSettled(limits.map(([limiter, key]) => limiter.consume(key)));
    const refusals = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason] : [],
    );
    if (refusals.length === 0) return;
    // A refused attempt is not an attempt: the allowances it did take are given back. Else a
    // burst against one account, refused by that account's limit, would go on using up its
    // address's allowance, and lock out everyone else behind the same address.
    await Promise.all(
      results.flatMap((result, index) => {
        const [limiter, key] = limits[index] ?? [];
        return result.status === 'fulfilled' && limiter && key !== undefined
          ? [limiter.reward(key)]
          : [];
      }),
    );
    // Anything but a count over its limit is a fault (both stores failing): not a reason to let in.
    const fault: unknown = refusals.find((refusal) => !(refusal instanceof RateLimiterRes));
    if (fault !== undefined) throw fault;
    const waitMs = Math.max(
      ...(refusals as RateLimiterRes[]).map((refusal) => refusal.msBeforeNext),
    );
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppException(
      'RATE_LIMITED',
      `${why} Try again in ${inAbout(seconds)}.`,
      undefined,
      seconds,
    );
  }
}
