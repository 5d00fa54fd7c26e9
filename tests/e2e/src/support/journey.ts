import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';

/** Room pages redraw on their own; waits are long because the suite runs on two cores. */
export const WAIT_MS = 30_000;

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** A person with an address of their own for this run, so reruns never collide. */
export function person(role: string, name: string): Person {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name, email: `${role}-${run}@example.com`, password: 'a long practice passphrase' };
}

/**
 * Retries a check until it passes or the time runs out, then throws its last failure: for
 * state that arrives over the network (a count, a text) where a plain visibility wait is not
 * enough. It polls what the page shows; it never sleeps for a fixed time and moves on.
 */
export async function eventually(check: () => Promise<void> | void, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const visible = (locator: Locator): Promise<void> =>
  locator.waitFor({ state: 'visible', timeout: WAIT_MS });

/**
 * Checks a radio drawn as a card: the card's label covers the native input on purpose (the
 * whole card answers a click), so the click lands on the label, as a person's would.
 */
export async function choose(radio: Locator): Promise<void> {
  await radio.check({ force: true });
  if (!(await radio.isChecked())) throw new Error('the radio did not become checked');
}

export async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dashboard', { timeout: WAIT_MS });
  await visible(page.getByRole('heading', { level: 1, name: 'Your sessions' }));
}

/** The room's connection line, once every change made here has reached the server. */
export const allSaved = (page: Page): Locator => page.getByText('Online · all changes saved');

/** The signed-in person's token, as the web app keeps it. */
export async function tokenOf(page: Page): Promise<string> {
  const stored = await page.evaluate(() => localStorage.getItem('signal-room.auth'));
  const token = (JSON.parse(stored ?? 'null') as { token?: unknown } | null)?.token;
  if (typeof token !== 'string') throw new Error('no sign-in is stored on this page');
  return token;
}

/** GET an API path as the person signed in on `page`, from the test (not the page). */
export const apiGet = <T>(baseUrl: string, page: Page, path: string): Promise<T> =>
  apiCall<T>(baseUrl, page, 'GET', path);

/** POST a JSON body to an API path as the person signed in on `page`, from the test. */
export const apiPost = <T>(baseUrl: string, page: Page, path: string, body: object): Promise<T> =>
  apiCall<T>(baseUrl, page, 'POST', path, body);

async function apiCall<T>(
  baseUrl: string,
  page: Page,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(page)}`,
      ...(body && { 'content-type': 'application/json' }),
    },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Two people signed up, one hosting a round of `session` and the other joined as its candidate,
 * the prompt revealed and the clock running; the session's id.
 */
export async function startRoundTogether(
  baseUrl: string,
  [host, guest]: [Page, Page],
  [interviewer, candidate]: [Person, Person],
  session: { roundType: string; promptId: string },
): Promise<string> {
  await Promise.all([signUp(host, interviewer), signUp(guest, candidate)]);
  const { id } = await apiPost<{ id: string }>(baseUrl, host, '/api/sessions', session);
  const invite = await apiPost<{ token?: string }>(baseUrl, host, `/api/sessions/${id}/invites`, {
    role: 'candidate',
  });
  await guest.goto(`/join/${invite.token ?? ''}`);
  await guest.getByRole('button', { name: 'Join as candidate' }).click();
  await guest.waitForURL(`**/sessions/${id}`);
  await host.goto(`/sessions/${id}`);
  await host.getByRole('button', { name: 'Reveal prompt' }).click();
  await host.getByRole('button', { name: 'Start the round' }).click();
  await visible(host.getByText('Running', { exact: true }));
  return id;
}

/** The host ends the round at once and releases its feedback without a summary. */
export async function endAndRelease(host: Page): Promise<void> {
  await host.getByRole('button', { name: 'End session' }).click();
  await host.getByRole('alertdialog').getByRole('button', { name: 'End now' }).click();
  await host.getByRole('button', { name: 'Release feedback' }).click();
  await host.getByRole('button', { name: 'Release without it' }).click();
  await visible(host.getByRole('link', { name: 'Open the feedback' }));
}

const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
type Impact = (typeof IMPACTS)[number];

export interface AxeFigures {
  page: string;
  /** Violated rules by impact. */
  rules: Record<Impact, number>;
  /** Offending elements across those rules. */
  nodes: number;
  /** Rules that applied to the page and passed: evidence that the audit looked at something. */
  passed: number;
  /** The serious and critical ones, described well enough to find and fix. */
  blocking: string[];
}

/** axe-core's figures for every page audited in this file, in the order visited. */
export class AxeLog {
  readonly pages: AxeFigures[] = [];

  async audit(page: Page, name: string): Promise<AxeFigures> {
    const { violations, passes } = await new AxeBuilder({ page }).analyze();
    const rules: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
    const blocking: string[] = [];
    let nodes = 0;
    for (const violation of violations) {
      const impact: Impact = violation.impact ?? 'minor';
      rules[impact] += 1;
      nodes += violation.nodes.length;
      if (impact === 'serious' || impact === 'critical') {
        const targets = violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(' '))
          .join(' | ');
        blocking.push(`${name}: ${violation.id} (${impact}) ${violation.help} — ${targets}`);
      }
    }
    const figures = { page: name, rules, nodes, passed: passes.length, blocking };
    this.pages.push(figures);
    process.stdout.write(`${AxeLog.line(figures)}\n`);
    return figures;
  }

  static line({ page, rules, nodes, passed }: AxeFigures): string {
    const total = IMPACTS.reduce((sum, impact) => sum + rules[impact], 0);
    const byImpact = IMPACTS.map((impact) => `${impact} ${rules[impact]}`).join(', ');
    return `axe · ${page}: ${total} violations (${byImpact}; ${nodes} nodes); ${passed} rules passed`;
  }

  summary(): string {
    return ['axe-core summary', ...this.pages.map((figures) => `  ${AxeLog.line(figures)}`)].join(
      '\n',
    );
  }

  blocking(): string[] {
    return this.pages.flatMap((figures) => figures.blocking);
  }
}
