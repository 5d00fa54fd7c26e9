/** The product's REDIS_ADAPTER values, which the two-node targets are measured on. */
export const ADAPTERS = ['classic', 'sharded', 'streams'] as const;
export type AdapterKind = (typeof ADAPTERS)[number];

/**
 * The benchmark's parameters, from `--name=value` arguments or the environment (arguments win),
 * each with a default and a bound: the run always stops by itself.
 */
export interface Params {
  /** Rooms under load; each holds an interviewer, a candidate and an observer socket. */
  rooms: number;
  /** Durable commands per second sent by each room's interviewer. */
  rate: number;
  /**
   * Document updates per second made by each room's candidate, which the other two read; 0 for
   * none. Typed into the pad, or drawn on the board (moving one shape), as `document` says.
   */
  typing: number;
  document: 'pad' | 'board';
  /** Seconds of measured load, after the warm-up. */
  duration: number;
  /** Seconds of load before measuring starts. */
  warmup: number;
  /** 'embedded', or the admin URL of a PostgreSQL server on which a fresh database is made. */
  database: 'embedded' | URL;
  /** Product processes: 1, or 2 on one PostgreSQL and one Redis. */
  nodes: 1 | 2;
  redisUrl: URL;
  /**
   * The Redis adapters the two nodes and the bare pair run on, each measured in turn (ADAPTER:
   * one of them, or `all`); none with one node, which has no Redis.
   */
  adapters: AdapterKind[];
  /** Socket-count mode: this many idle sockets, joined, and no command load. */
  sockets: number | null;
  /** Registered users the rooms' seats are drawn from (scrypt makes each one costly). */
  users: number;
  /** Parallel HTTP requests during setup. */
  httpConcurrency: number;
  /** Sockets connecting and joining at once during setup. */
  joinConcurrency: number;
  /** Extra sockets per second that join (and leave) during the measured load. */
  joinRate: number;
  /**
   * Commands per second from the interviewer of one more room in the second half of the
   * measured window, to see what a flood from one socket does to the other rooms; 0 for none.
   */
  flood: number;
  /** Admin URL for the raw-INSERT floor; null skips that floor. */
  floorDatabase: URL | null;
  /** The summary rewritten after the run (its JSON line goes beside it); null writes nothing. */
  resultsFile: string | null;
  /** A folder for V8 CPU profiles of the product's processes (`--cpu-prof`); null for none. */
  profileDir: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function argumentsByName(argv: readonly string[]): Map<string, string> {
  const named = new Map<string, string>();
  for (const argument of argv) {
    const match = /^(?:--)?([A-Za-z_-]+)=(.*)$/.exec(argument);
    if (!match?.[1]) throw new Error(`Unrecognised argument ${argument}; use NAME=value.`);
    named.set(match[1].toUpperCase().replace(/-/g, '_'), match[2] ?? '');
  }
  return named;
}

function loopbackUrl(name: string, value: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: ${value}`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new Error(`${name} must start with ${protocols.join(' or ')}//`);
  }
  // The benchmark loads a machine hard; it only ever does so to this one.
  if (!LOOPBACK.has(url.hostname)) {
    throw new Error(`${name} must point at this machine (127.0.0.1), not ${url.hostname}.`);
  }
  return url;
}

export function readParams(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Params {
  const named = argumentsByName(argv);
  const raw = (name: string): string | undefined => {
    const value = named.get(name) ?? env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const text = raw(name);
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new Error(`${name} must be a number from ${min} to ${max}, not ${text}.`);
    }
    return value;
  };
  const postgres = ['postgres:', 'postgresql:'];
  const testDatabase = env['TEST_DATABASE_URL']?.trim() || undefined;
  const databaseText = raw('DATABASE') ?? testDatabase ?? 'embedded';
  const database =
    databaseText === 'embedded' ? 'embedded' : loopbackUrl('DATABASE', databaseText, postgres);
  const nodes = number('NODES', 1, 1, 2);
  if (nodes !== 1 && nodes !== 2) throw new Error('NODES must be 1 or 2.');
  if (nodes === 2 && database === 'embedded') {
    throw new Error(
      'NODES=2 needs PostgreSQL (two processes cannot share the embedded database): set DATABASE or TEST_DATABASE_URL to an admin URL.',
    );
  }
  const adapterText = raw('ADAPTER') ?? 'classic';
  const adapters = ADAPTERS.filter((kind) => adapterText === 'all' || adapterText === kind);
  if (adapters.length === 0) {
    throw new Error(`ADAPTER must be ${ADAPTERS.join(', ')} or all, not ${adapterText}.`);
  }
  if (adapterText === 'all' && nodes !== 2) {
    throw new Error(
      'ADAPTER=all compares the Redis adapters, which only two nodes use: set NODES=2.',
    );
  }
  const socketsText = raw('SOCKETS');
  const sockets = socketsText === undefined ? null : number('SOCKETS', 0, 3, 30_000);
  const rooms = sockets === null ? number('ROOMS', 1000, 1, 10_000) : Math.ceil(sockets / 3);
  const floorDatabase =
    database !== 'embedded'
      ? database
      : testDatabase
        ? loopbackUrl('TEST_DATABASE_URL', testDatabase, postgres)
        : null;
  const flood = number('FLOOD', 0, 0, 5000);
  if (flood > 0 && sockets !== null) {
    throw new Error('FLOOD needs the command load, which SOCKETS mode does not run.');
  }
  const typing = number('TYPING', 0, 0, 50);
  if (typing > 0 && sockets !== null) {
    throw new Error('TYPING needs the load, which SOCKETS mode does not run.');
  }
  const document = raw('DOCUMENT') ?? 'pad';
  if (document !== 'pad' && document !== 'board') {
    throw new Error(`DOCUMENT is pad or board, not ${document}.`);
  }
  const results = raw('RESULTS');
  return {
    rooms: Math.round(rooms),
    rate: number('RATE', 1, 0.01, 50),
    typing,
    document,
    duration: number('DURATION', 30, 1, 600),
    warmup: number('WARMUP', 5, 0, 120),
    database,
    nodes,
    redisUrl: loopbackUrl('REDIS_URL', raw('REDIS_URL') ?? 'redis://127.0.0.1:6379', ['redis:']),
    adapters: nodes === 2 ? adapters : [],
    sockets: sockets === null ? null : Math.round(sockets),
    users: Math.round(number('USERS', 30, 3, 1000)),
    httpConcurrency: Math.round(number('HTTP_CONCURRENCY', 16, 1, 256)),
    joinConcurrency: Math.round(number('JOIN_CONCURRENCY', 20, 1, 1000)),
    joinRate: number('JOIN_RATE', 10, 0, 200),
    flood,
    floorDatabase,
    resultsFile: results === 'none' ? null : (results ?? 'tests/load/RESULTS.md'),
    profileDir: raw('PROFILE_DIR') ?? null,
  };
}

/** The parameters as one line, without any password a database URL may carry. */
export function describeParams(params: Params): Record<string, string | number> {
  const safe = (url: URL): string => {
    const copy = new URL(url);
    if (copy.password) copy.password = '***';
    return copy.toString();
  };
  return {
    ...(params.sockets === null
      ? {
          ROOMS: params.rooms,
          RATE: params.rate,
          DURATION: params.duration,
          WARMUP: params.warmup,
          JOIN_RATE: params.joinRate,
          ...(params.flood > 0 ? { FLOOD: params.flood } : {}),
          ...(params.typing > 0 ? { TYPING: params.typing } : {}),
          ...(params.typing > 0 && params.document === 'board' ? { DOCUMENT: 'board' } : {}),
        }
      : { SOCKETS: params.sockets, ROOMS: params.rooms }),
    DATABASE: params.database === 'embedded' ? 'embedded' : safe(params.database),
    NODES: params.nodes,
    ...(params.nodes === 2
      ? {
          REDIS_URL: safe(params.redisUrl),
          ADAPTER: params.adapters.length === ADAPTERS.length ? 'all' : params.adapters.join(','),
        }
      : {}),
    USERS: params.users,
  };
}

/** The product's runs: one per Redis adapter, or a single one without Redis (null). */
export function productRuns(params: Params): (AdapterKind | null)[] {
  return params.adapters.length > 0 ? params.adapters : [null];
}
