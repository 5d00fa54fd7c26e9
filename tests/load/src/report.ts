import type { CommandFigures, LoadFigures, TypingFigures } from './driver';
import type { AdapterKind, Params } from './params';
import { describeParams, productRuns } from './params';
import type { LoopDelay, Machine } from './processes';
import type { Percentiles } from './stats';
import type { FloorKind } from './targets';

export interface TargetResult {
  label: string;
  kind: 'product' | FloorKind;
  /** The Redis adapter its nodes fanned out through; null without Redis. */
  adapter: AdapterKind | null;
  nodes: number;
  /** The open-files limit each server process ran with. */
  openFiles: (number | null)[];
  attempted: number;
  joined: number;
  joinSetup: Percentiles | null;
  joinFailures: Record<string, number>;
  rssBeforeMiB: number;
  rssAfterJoinMiB: number;
  rssAfterLoadMiB: number | null;
  rssPerSocketKiB: number | null;
  load: LoadFigures | null;
  /** The server's own event-loop delay over the measured window (worst node). */
  serverLoop: LoopDelay | null;
  /** `nodejs_eventloop_lag_p99_seconds` from GET /api/metrics, in ms, when the product has it. */
  metricsLoopP99: number | null;
  /** Upper bound of the bucket of the product's own command-time histogram holding the p99. */
  metricsCommandP99: number | null;
  /** CPU time of each server process over the measured window, in % of one core. */
  serverCpu: number[];
  /** Warnings and errors the servers logged during the load, by their first line. */
  serverComplaints: Record<string, number>;
  /** What went wrong in the measuring itself, for the notes. */
  problems: string[];
}

export interface Report {
  startedAt: Date;
  /** The commit of the product under test (dist/apps/api built from it). */
  product: string;
  params: Params;
  machine: Machine;
  loadAtEnd: string;
  results: TargetResult[];
  notes: string[];
}

const ms = (value: number | null | undefined): string =>
  value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : value < 10
      ? value.toFixed(2)
      : value.toFixed(1);
const triple = (p: Percentiles | null | undefined): string =>
  p ? `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}` : '–';
const withMax = (p: Percentiles | null | undefined): string =>
  p ? `${triple(p)} / ${ms(p.max)}` : '–';
const one = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined || b <= 0 ? null : a / b;
const times = (value: number | null): string => (value === null ? '–' : `${value.toFixed(2)}×`);
const cpu = (r: TargetResult | undefined): string =>
  r?.serverCpu.map((each) => (Number.isNaN(each) ? '–' : each.toFixed(0))).join(' + ') || '–';
const refusals = (f: CommandFigures): string =>
  `${
    Object.entries(f.errors)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ') || '0'
  } / ${f.timeouts}`;
/** A half's ack percentiles cover only the commands acked ok: the others are shown beside. */
const halfAck = (f: CommandFigures | undefined): string =>
  !f
    ? '–'
    : f.sent > f.acked
      ? `${triple(f.ack)} (${f.sent - f.acked} of ${f.sent} not acked ok)`
      : triple(f.ack);
/** The pad updates the product stored against those it acked; floors store none. */
const stored = (
  kind: TargetResult['kind'] | undefined,
  typing: TypingFigures | undefined,
): string =>
  !typing
    ? '–'
    : kind !== 'product'
      ? 'n/a (stores nothing)'
      : typing.stored === null
        ? 'not measured'
        : `${typing.stored} of ${typing.ackedInRun}`;
/** The other rooms' ack p99 beside the flood over theirs without it. */
const floodEffect = (r: TargetResult | undefined): number | null =>
  ratio(r?.load?.flood?.flooded.ack?.p99, r?.load?.flood?.quiet.ack?.p99);

/** The target of that kind measured beside the product on `adapter` (or on no Redis at all). */
function find(
  report: Report,
  kind: TargetResult['kind'],
  adapter: AdapterKind | null,
): TargetResult | undefined {
  return report.results.find(
    (result) => result.kind === kind && (result.adapter === null || result.adapter === adapter),
  );
}

const RSS_MIN_SOCKETS = 1000;

export interface Ratios {
  ackP99OverInsertP99: number | null;
  rssPerSocketOverBare: number | null;
  peerP99OverPair: number | null;
  /** Only with FLOOD. */
  floodedAckP99OverQuiet?: number | null;
  /** Only with TYPING: update emit→peer p99 over the bare relay's (the Redis pair's on two nodes). */
  updatePeerP99OverRelay?: number | null;
}

/** The floor that relays what the product relays: the bare server, or with two nodes the pair. */
const relayKind = (nodes: unknown): FloorKind => (nodes === 2 ? 'pair' : 'bare');

export function ratios(report: Report, adapter: AdapterKind | null): Ratios {
  const ours = find(report, 'product', adapter);
  // Below this many sockets the RSS delta is lost in the noise of the heap and the allocator.
  const enough = (ours?.joined ?? 0) >= RSS_MIN_SOCKETS;
  return {
    ackP99OverInsertP99: ratio(
      ours?.load?.ack?.p99,
      find(report, 'insert', adapter)?.load?.ack?.p99,
    ),
    // Two product nodes are weighed against the two bare nodes on the same Redis adapter.
    rssPerSocketOverBare: enough
      ? ratio(
          ours?.rssPerSocketKiB,
          find(report, relayKind(report.params.nodes), adapter)?.rssPerSocketKiB,
        )
      : null,
    peerP99OverPair: ratio(ours?.load?.peer?.p99, find(report, 'pair', adapter)?.load?.peer?.p99),
    ...(report.params.flood > 0 ? { floodedAckP99OverQuiet: floodEffect(ours) } : {}),
    ...(report.params.typing > 0
      ? {
          updatePeerP99OverRelay: ratio(
            ours?.load?.typing?.peer?.p99,
            find(report, relayKind(report.params.nodes), adapter)?.load?.typing?.peer?.p99,
          ),
        }
      : {}),
  };
}

function figureRows(results: readonly TargetResult[], params: Params): string[][] {
  const row = (name: string, cell: (r: TargetResult) => string): string[] => [
    name,
    ...results.map(cell),
  ];
  const loaded = results.some((r) => r.load);
  const rows = [
    row('server processes (open-files limit)', (r) => `${r.nodes} (${r.openFiles.join(', ')})`),
    row('sockets joined / opened', (r) => `${r.joined} / ${r.attempted}`),
    row(`join at setup, ${params.joinConcurrency} at a time: p50 / p95 / p99 / max (ms)`, (r) =>
      withMax(r.joinSetup),
    ),
    row('server RSS before sockets (MiB)', (r) => one(r.rssBeforeMiB)),
    row('server RSS with sockets joined (MiB)', (r) => one(r.rssAfterJoinMiB)),
    row('RSS per socket (KiB)', (r) => one(r.rssPerSocketKiB)),
  ];
  if (!loaded) return rows;
  return [
    ...rows,
    row('commands in window: sent / acked ok', (r) =>
      r.load ? `${r.load.sent} / ${r.load.acked}` : '–',
    ),
    row('refused / timed out', (r) => (r.load ? refusals(r.load) : '–')),
    row('commands per second: offered / acked in window', (r) =>
      r.load ? `${one(r.load.offeredPerSecond, 0)} / ${one(r.load.ackedPerSecond, 0)}` : '–',
    ),
    row('**emit→ack** p50 / p95 / p99 / max (ms)', (r) => withMax(r.load?.ack)),
    row('**emit→peer** (candidate) p50 / p95 / p99 / max (ms)', (r) => withMax(r.load?.peer)),
    row('acked but never seen by the candidate', (r) => one(r.load?.peerMissing, 0)),
    ...(params.flood > 0
      ? [
          row("other rooms' **emit→ack** p50 / p95 / p99 (ms), quiet half", (r) =>
            halfAck(r.load?.flood?.quiet),
          ),
          row("other rooms' **emit→ack** p50 / p95 / p99 (ms), flooded half", (r) =>
            halfAck(r.load?.flood?.flooded),
          ),
          row("other rooms' ack p99 flooded / quiet", (r) => times(floodEffect(r))),
          row(`flood of ${params.flood}/s from one socket: sent / acked ok`, (r) =>
            r.load?.flood ? `${r.load.flood.commands.sent} / ${r.load.flood.commands.acked}` : '–',
          ),
          row('flood: refused / timed out', (r) =>
            r.load?.flood ? refusals(r.load.flood.commands) : '–',
          ),
        ]
      : []),
    ...(params.typing > 0
      ? [
          row(
            `${writingOf(params)} ${params.typing}/s a room: updates sent / acked ok / both readers saw`,
            (r) =>
              r.load?.typing
                ? `${r.load.typing.sent} / ${r.load.typing.acked} / ${r.load.typing.acked - r.load.typing.peerMissing}`
                : '–',
          ),
          row(`${writingOf(params)}: refused / timed out`, (r) =>
            r.load?.typing ? refusals(r.load.typing) : '–',
          ),
          row('**update emit→ack** (typist) p50 / p95 / p99 / max (ms)', (r) =>
            withMax(r.load?.typing?.ack),
          ),
          row('**update emit→peer** (both readers) p50 / p95 / p99 / max (ms)', (r) =>
            withMax(r.load?.typing?.peer),
          ),
          row('every acked update seen by both readers', (r) =>
            !r.load?.typing
              ? '–'
              : r.load.typing.peerMissing === 0
                ? 'yes'
                : `no: ${r.load.typing.peerMissing} missed`,
          ),
          row('updates stored of those acked in the run (warm-up too)', (r) =>
            stored(r.kind, r.load?.typing),
          ),
        ]
      : []),
    row('**join under load** p50 / p95 / p99 / max (ms)', (r) => withMax(r.load?.joinUnderLoad)),
    row('joins under load: done / failed', (r) =>
      r.load ? `${r.load.joinUnderLoad?.count ?? 0} / ${r.load.joinUnderLoadFailures}` : '–',
    ),
    row('sockets held after load / lost during it (reason)', (r) => {
      if (!r.load) return '–';
      const lost = Object.entries(r.load.disconnects);
      const count = lost.reduce((sum, [, n]) => sum + n, 0);
      return `${r.load.held} / ${count}${lost.length ? ` (${lost.map(([why, n]) => `${why}: ${n}`).join(', ')})` : ''}`;
    }),
    row('server RSS after load (MiB)', (r) => one(r.rssAfterLoadMiB)),
    row('server event-loop delay p50 / p99 / max (ms, probe)', (r) =>
      r.serverLoop
        ? `${ms(r.serverLoop.p50)} / ${ms(r.serverLoop.p99)} / ${ms(r.serverLoop.max)}`
        : '–',
    ),
    row('event-loop lag p99 from GET /api/metrics (ms)', (r) => ms(r.metricsLoopP99)),
    row('server-side command time p99 from /api/metrics (ms, bucket)', (r) =>
      r.metricsCommandP99 === null
        ? '–'
        : r.metricsCommandP99 === Number.POSITIVE_INFINITY
          ? '> 2500 (above the top bucket)'
          : `≤ ${ms(r.metricsCommandP99)}`,
    ),
    row('clock:ping RTT idle p50 → under load p99 (ms)', (r) =>
      r.load ? `${ms(r.load.pingIdle?.p50)} → ${ms(r.load.pingUnderLoad?.p99)}` : '–',
    ),
    row('server CPU in window (% of one core, per node)', cpu),
    row('bench client loop delay p99 / send lag p99 (ms)', (r) =>
      r.load ? `${ms(r.load.clientLoop.p99)} / ${ms(r.load.sendLag?.p99)}` : '–',
    ),
    row('snapshots the candidates received', (r) => one(r.load?.candidateSnapshots, 0)),
  ];
}

const verdict = (value: number | null, limit: number): string =>
  value === null ? 'n/a' : value <= limit ? 'met' : '**not met**';

const table = (head: string[], rows: string[][]): string =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

function goalRows(report: Report, adapter: AdapterKind | null): string[][] {
  const ours = find(report, 'product', adapter);
  const r = ratios(report, adapter);
  const { params } = report;
  const scale =
    params.sockets === null
      ? `${params.rooms} rooms × 3 at ${params.rate}/s`
      : `${params.sockets} idle sockets`;
  const load = ours?.load;
  const ackP99 = load?.ack?.p99 ?? null;
  const joinP99 = load?.joinUnderLoad?.p99 ?? null;
  const sockets = ours?.joined ?? 0;
  // A refused or lost command or join is worse than any latency: it fails the goal outright.
  const failedCommands = load ? load.sent - load.acked : 0;
  const failedJoins = load?.joinUnderLoadFailures ?? 0;
  const joins = (load?.joinUnderLoad?.count ?? 0) + failedJoins;
  const failing = (count: number, of: number, text: string): string =>
    count > 0 ? `${text}; ${count} of ${of} failed` : text;
  const unless = (count: number, text: string): string => (count > 0 ? '**not met**' : text);
  return [
    [
      'ack p99 ≤ 1.0× raw-INSERT p99, all acked, none shed (1000 rooms × 3, 1/s)',
      scale,
      failing(failedCommands, load?.sent ?? 0, times(r.ackP99OverInsertP99)),
      unless(failedCommands, verdict(r.ackP99OverInsertP99, 1.0)),
    ],
    [
      '2000 rooms × 3, 1/s: acked rate and ack p99 / raw-INSERT p99 (reported)',
      scale,
      load
        ? `${one(load.ackedPerSecond, 0)} of ${one(load.offeredPerSecond, 0)}/s acked; ${times(r.ackP99OverInsertP99)}`
        : '–',
      params.rooms >= 2000 ? 'reported' : `n/a (at ${params.rooms} rooms)`,
    ],
    [
      'ack p99 ≤ 25 ms (same load)',
      scale,
      failing(failedCommands, load?.sent ?? 0, `${ms(ackP99)} ms`),
      unless(failedCommands, verdict(ackP99, 25)),
    ],
    [
      '≥ 10 000 sockets in one process at ≤ 2× bare RSS per socket',
      `${sockets} sockets, ${params.nodes} node(s)`,
      times(r.rssPerSocketOverBare),
      sockets >= 10_000 && params.nodes === 1
        ? verdict(r.rssPerSocketOverBare, 2)
        : `${verdict(r.rssPerSocketOverBare, 2)} (at ${sockets} sockets)`,
    ],
    [
      'join p99 ≤ 50 ms under load',
      scale,
      failing(failedJoins, joins, `${ms(joinP99)} ms`),
      unless(failedJoins, verdict(joinP99, 50)),
    ],
    [
      'two nodes: emit→peer p99 ≤ 1.2× bare Redis pair',
      `${params.nodes} node(s)`,
      times(r.peerP99OverPair),
      verdict(r.peerP99OverPair, 1.2),
    ],
    ...(params.typing > 0 ? typingGoalRows(report, adapter) : []),
  ];
}

/** What the candidate does under the document load, in the report's words. */
const writingOf = (params: Params): 'typing' | 'drawing' =>
  params.document === 'board' ? 'drawing' : 'typing';

function typingGoalRows(report: Report, adapter: AdapterKind | null): string[][] {
  const ours = find(report, 'product', adapter);
  const typing = ours?.load?.typing;
  const { params } = report;
  const writing = writingOf(params);
  const scale = `${params.rooms} rooms, ${writing} ${params.typing}/s beside ${params.rate} commands/s`;
  const peerRatio = ratios(report, adapter).updatePeerP99OverRelay ?? null;
  // An update refused, missed by a reader or not stored fails the goal whatever the latency.
  const lost = typing ? typing.sent - typing.acked + typing.peerMissing : 0;
  const unstored = typing && typing.stored !== null ? typing.ackedInRun - typing.stored : null;
  return [
    [
      `${writing === 'drawing' ? 'drawing at 20/s' : 'typing at 10/s'} (1000 rooms): update emit→peer p99 ≤ 1.2× bare relay, every update stored, server CPU reported`,
      scale,
      `${times(peerRatio)}; stored ${stored('product', typing)}; server CPU ${cpu(ours)} %`,
      !typing
        ? `n/a (no ${writing} ran)`
        : lost > 0 || (unstored ?? 0) > 0
          ? '**not met**'
          : unstored === null
            ? `${verdict(peerRatio, 1.2)}, storage not measured`
            : verdict(peerRatio, 1.2),
    ],
    [
      `command ack p99 unchanged by the ${writing} beside it`,
      scale,
      `${ms(ours?.load?.ack?.p99)} ms`,
      typing
        ? 'reported: RESULTS.md sets it beside the same run without TYPING'
        : `n/a (no ${writing} ran)`,
    ],
  ];
}

/** The product's ratios to its floors and the issue's goals, on one Redis adapter or none. */
function verdictTables(report: Report, adapter: AdapterKind | null): string[] {
  const r = ratios(report, adapter);
  return [
    table(
      ['ratio', 'value'],
      [
        ['our ack p99 / raw-INSERT ack p99', times(r.ackP99OverInsertP99)],
        [
          `our RSS per socket / bare RSS per socket (${
            report.params.nodes === 2 ? 'Redis pair; ' : ''
          }from ${RSS_MIN_SOCKETS} sockets)`,
          times(r.rssPerSocketOverBare),
        ],
        ['cross-node emit→peer p99 / bare Redis pair p99', times(r.peerP99OverPair)],
        ...(report.params.flood > 0
          ? [
              [
                "flood from one socket: other rooms' ack p99 flooded / quiet",
                times(r.floodedAckP99OverQuiet ?? null),
              ],
            ]
          : []),
        ...(report.params.typing > 0
          ? [
              [
                `our update emit→peer p99 / ${report.params.nodes === 2 ? 'bare Redis pair' : 'bare relay'} p99`,
                times(r.updatePeerP99OverRelay ?? null),
              ],
            ]
          : []),
      ],
    ),
    '',
    table(
      ['issue goal (reported, not asserted)', 'this run', 'measured', 'verdict'],
      goalRows(report, adapter),
    ),
  ];
}

/** The two nodes and the bare pair on each Redis adapter the run measured, side by side. */
function adapterRows(report: Report): string[][] {
  return report.params.adapters.map((adapter) => {
    const ours = find(report, 'product', adapter);
    const pair = find(report, 'pair', adapter);
    return [
      adapter,
      triple(ours?.load?.peer),
      ms(ours?.load?.ack?.p99),
      cpu(ours),
      triple(pair?.load?.peer),
      cpu(pair),
      times(ratios(report, adapter).peerP99OverPair),
    ];
  });
}

export function markdown(report: Report): string {
  const { params, machine } = report;
  const when = report.startedAt.toISOString().replace('T', ' ').slice(0, 16);
  const parameters = Object.entries(describeParams(params))
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const runs = productRuns(params);
  const lines = [
    `## ${when} UTC — ${params.sockets === null ? 'load' : 'socket count'}, ${
      params.database === 'embedded' ? 'embedded' : 'PostgreSQL'
    }, ${params.nodes} node${params.nodes === 1 ? '' : 's'}`,
    '',
    `Parameters: \`${parameters}\`. Product: commit ${report.product}.`,
    '',
    `Machine: ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}. ` +
      `Load average (uptime) at start ${machine.load}, at end ${report.loadAtEnd} ` +
      '(other work shares this machine).',
    '',
    table(
      ['figure', ...report.results.map((result) => result.label)],
      figureRows(report.results, params),
    ),
  ];
  if (runs.length > 1) {
    lines.push(
      '',
      table(
        [
          'Redis adapter',
          'Signal Room emit→peer p50 / p95 / p99 (ms)',
          'Signal Room ack p99 (ms)',
          'Signal Room server CPU (% of one core, per node)',
          'bare pair emit→peer p50 / p95 / p99 (ms)',
          'bare pair server CPU (%, per node)',
          'peer p99 / pair p99',
        ],
        adapterRows(report),
      ),
    );
  }
  for (const adapter of runs) {
    lines.push('', ...(runs.length > 1 ? [`On the ${adapter} adapter:`, ''] : []));
    lines.push(...verdictTables(report, adapter));
  }
  if (report.notes.length > 0) {
    lines.push('', ...report.notes.map((note) => `- ${note}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The same figures as one JSON line, for machines. */
export function jsonLine(report: Report): string {
  return JSON.stringify({
    bench: 'signal-room-load',
    startedAt: report.startedAt.toISOString(),
    product: report.product,
    params: describeParams(report.params),
    machine: { ...report.machine, loadAtEnd: report.loadAtEnd },
    // One set of ratios, or one per Redis adapter when the run measured several.
    ratios:
      report.params.adapters.length > 1
        ? Object.fromEntries(
            report.params.adapters.map((adapter) => [adapter, ratios(report, adapter)]),
          )
        : ratios(report, report.params.adapters[0] ?? null),
    results: report.results,
    notes: report.notes,
  });
}

/** A run as the history file keeps it: the JSON line `jsonLine` wrote, old runs included. */
export interface HistoryLine {
  startedAt: string;
  product: string;
  params: Record<string, string | number>;
  machine: { load: string };
  results: (Omit<TargetResult, 'kind' | 'adapter'> & {
    kind?: TargetResult['kind'];
    adapter?: AdapterKind | null;
  })[];
}

type HistoryResult = HistoryLine['results'][number];

// Runs written before results carried their kind are told apart by their labels.
const kindOf = (result: HistoryResult): TargetResult['kind'] =>
  result.kind ??
  (result.label.startsWith('Signal Room')
    ? 'product'
    : result.label.startsWith('raw INSERT')
      ? 'insert'
      : result.label.startsWith('bare Redis pair')
        ? 'pair'
        : 'bare');

/** What a run measured, in words: runs with the same configuration replace each other. */
function configurationOf(p: HistoryLine['params'], adapter: AdapterKind | null): string {
  const database = p['DATABASE'] === 'embedded' ? 'embedded' : 'PostgreSQL';
  const nodes = `${p['NODES']} node${p['NODES'] === 1 ? '' : 's'}${adapter ? ` (${adapter})` : ''}`;
  if (p['SOCKETS'] !== undefined) return `${p['SOCKETS']} idle sockets, ${database}, ${nodes}`;
  const flood = p['FLOOD'] ? `, flood ${p['FLOOD']}/s` : '';
  // Last, so a run with typing or drawing sorts right after the same run without it.
  const writing = p['DOCUMENT'] === 'board' ? 'drawing' : 'typing';
  const typing = p['TYPING'] ? `, ${writing} ${p['TYPING']}/s` : '';
  return `${p['ROOMS']} rooms × 3 at ${p['RATE']}/s${flood}, ${database}, ${nodes}${typing}`;
}

interface SummaryRow {
  configuration: string;
  /** The same configuration without TYPING, whose command figures a typing run is read against. */
  untyped: string;
  sockets: boolean;
  rooms: number;
  line: HistoryLine;
  product: HistoryResult;
  floor: (kind: TargetResult['kind']) => HistoryResult | undefined;
}

function summaryRows(lines: readonly HistoryLine[]): SummaryRow[] {
  const latest = new Map<string, SummaryRow>();
  for (const line of lines) {
    for (const product of line.results.filter((result) => kindOf(result) === 'product')) {
      const adapter =
        product.adapter ??
        (line.params['NODES'] === 2
          ? ((line.params['ADAPTER'] as AdapterKind | undefined) ?? 'classic')
          : null);
      const configuration = configurationOf(line.params, adapter);
      const { TYPING: _typing, DOCUMENT: _document, ...untyped } = line.params;
      latest.set(configuration, {
        configuration,
        untyped: configurationOf(untyped, adapter),
        sockets: line.params['SOCKETS'] !== undefined,
        rooms: Number(line.params['ROOMS']),
        line,
        product,
        floor: (kind) =>
          line.results.find(
            (result) =>
              kindOf(result) === kind &&
              (kind !== 'pair' || !result.adapter || result.adapter === adapter),
          ),
      });
    }
  }
  return [...latest.values()].sort(
    (a, b) =>
      a.configuration.localeCompare(b.configuration, 'en', { numeric: true }) || a.rooms - b.rooms,
  );
}

const runOf = (row: SummaryRow): string =>
  `${row.line.startedAt.replace('T', ' ').slice(0, 16)}, ${row.line.product}, load ${
    row.line.machine.load.split(',')[0] ?? '–'
  }`;

/**
 * RESULTS.md: the latest run of each configuration, the product beside the floors measured in
 * the same run. Every run stays in the JSON lines the table is written from.
 */
export function summary(lines: readonly HistoryLine[], historyFile: string): string {
  const rows = summaryRows(lines);
  const load = rows.filter((row) => !row.sockets);
  const typing = load.filter((row) => row.line.params['TYPING']);
  const byConfiguration = new Map(rows.map((row) => [row.configuration, row]));
  const sockets = rows.filter((row) => row.sockets);
  return [
    '# Load benchmark results',
    '',
    `Written by \`npm run bench:load\` (tests/load): the latest run of each configuration, the product beside the floors measured in the same run, on the same rooms, rate and machine. Every run's full figures are one JSON line in \`${historyFile}\`. Runs on a shared machine say so in their load average (at the start; the machine has 2 cores).`,
    '',
    '## Under command load',
    '',
    table(
      [
        'configuration',
        'run (UTC), commit, load',
        'acked / sent (refused)',
        'ack p50 / p95 / p99 (ms)',
        'raw-INSERT ack p99 (ms)',
        'ack p99 / raw INSERT',
        'join under load p99 (ms), bare',
        'emit→peer p99 (ms), Redis pair',
        'server CPU (%)',
      ],
      load.map((row) => {
        const ours = row.product.load;
        const insert = row.floor('insert')?.load;
        const bare = row.floor('bare')?.load;
        const pair = row.floor('pair')?.load;
        const refused = ours ? Object.values(ours.errors).reduce((sum, n) => sum + n, 0) : 0;
        return [
          row.configuration,
          runOf(row),
          ours ? `${ours.acked} / ${ours.sent} (${refused + ours.timeouts})` : '–',
          triple(ours?.ack),
          ms(insert?.ack?.p99),
          times(ratio(ours?.ack?.p99, insert?.ack?.p99)),
          `${ms(ours?.joinUnderLoad?.p99)}, ${ms(bare?.joinUnderLoad?.p99)}`,
          pair ? `${ms(ours?.peer?.p99)}, ${ms(pair.peer?.p99)}` : '–',
          cpu(row.product as TargetResult),
        ];
      }),
    ),
    '',
    '## Under typing and drawing load',
    '',
    "Each room's candidate types into the pad, or drags one shape on the board (each move a new version of the element, as Excalidraw writes it), beside the commands above, and the other two read it; the relay is the bare floor (the bare Redis pair on two nodes) relaying the same updates and storing none. The command ack p99 is set beside the latest run of the same configuration without them.",
    '',
    table(
      [
        'configuration',
        'run (UTC), commit, load',
        'updates acked / sent, both readers saw',
        'update emit→peer p50 / p95 / p99 (ms)',
        'relay emit→peer p99 (ms)',
        'peer p99 / relay',
        'stored',
        'command ack p99 (ms): with typing, without',
        'server CPU (%)',
      ],
      typing.map((row) => {
        const ours = row.product.load;
        const updates = ours?.typing;
        const relay = row.floor(relayKind(row.line.params['NODES']))?.load?.typing;
        const untyped = byConfiguration.get(row.untyped)?.product.load;
        return [
          row.configuration,
          runOf(row),
          updates
            ? `${updates.acked} / ${updates.sent}, ${updates.acked - updates.peerMissing}`
            : 'did not run',
          triple(updates?.peer),
          ms(relay?.peer?.p99),
          times(ratio(updates?.peer?.p99, relay?.peer?.p99)),
          stored('product', updates),
          `${ms(ours?.ack?.p99)}, ${ms(untyped?.ack?.p99)}`,
          cpu(row.product as TargetResult),
        ];
      }),
    ),
    '',
    '## Idle sockets',
    '',
    table(
      ['configuration', 'run (UTC), commit, load', 'joined', 'RSS per socket (KiB), bare', 'ratio'],
      sockets.map((row) => {
        const bare = row.floor('bare');
        return [
          row.configuration,
          runOf(row),
          `${row.product.joined} / ${row.product.attempted}`,
          `${one(row.product.rssPerSocketKiB)}, ${one(bare?.rssPerSocketKiB)}`,
          times(ratio(row.product.rssPerSocketKiB, bare?.rssPerSocketKiB)),
        ];
      }),
    ),
    '',
  ].join('\n');
}
