import { COMMUNICATION_MOVES } from './moves';
import { DRILLS } from './drills';
import { FAILURE_MODES } from './failure-modes';
import type {
  CommunicationMove,
  Drill,
  DrillId,
  FailureMode,
  FailureModeId,
  MoveId,
  RoundType,
  RoundTypeId,
  Score,
  Signal,
  SignalId,
  SignalLayer,
} from './model';
import { SIGNAL_IDS } from './model';
import { ROUND_TYPES } from './round-types';
import { SIGNALS } from './signals';

function indexById<K extends string, T extends { id: K }>(items: readonly T[]): Record<K, T> {
  return Object.fromEntries(items.map((item) => [item.id, item])) as Record<K, T>;
}

const signalsById = indexById<SignalId, Signal>(SIGNALS);
const roundTypesById = indexById<RoundTypeId, RoundType>(ROUND_TYPES);
const movesById = indexById<MoveId, CommunicationMove>(COMMUNICATION_MOVES);
const drillsById = indexById<DrillId, Drill>(DRILLS);
const failureModesById = indexById<FailureModeId, FailureMode>(FAILURE_MODES);

export const signalById = (id: SignalId): Signal => signalsById[id];
export const roundTypeById = (id: RoundTypeId): RoundType => roundTypesById[id];
export const moveById = (id: MoveId): CommunicationMove => movesById[id];
export const drillById = (id: DrillId): Drill => drillsById[id];
export const failureModeById = (id: FailureModeId): FailureMode => failureModesById[id];

/** Primary wins over floor, floor over secondary: a primary floor signal is read as primary. */
export function layerOf(roundType: RoundType, signal: SignalId): SignalLayer {
  if (roundType.primary.includes(signal)) return 'primary';
  if (roundType.floor.includes(signal)) return 'floor';
  if (roundType.secondary.includes(signal)) return 'secondary';
  return 'unsampled';
}

/** Core signals: a 1 in any of them is a serious loop risk (primary signals and floors). */
export function coreSignals(roundType: RoundType): SignalId[] {
  return SIGNAL_IDS.filter((id) => roundType.primary.includes(id) || roundType.floor.includes(id));
}

/** Signals the round expects evidence for; an expected signal with none is a hidden signal. */
export function expectedSignals(roundType: RoundType): SignalId[] {
  return SIGNAL_IDS.filter((id) => layerOf(roundType, id) !== 'unsampled');
}

/** The rubric text for a score; 2 and 4 are described by the anchors either side of them. */
export function describeScore(signal: SignalId, score: Score): string {
  const { rubric } = signalById(signal);
  switch (score) {
    case 1:
    case 3:
    case 5:
      return rubric[score];
    case 2:
      return `Between weak and competent. Weak: ${rubric[1]} Competent: ${rubric[3]}`;
    case 4:
      return `Between competent and senior-ready. Competent: ${rubric[3]} Senior-ready: ${rubric[5]}`;
  }
}

export const SCORE_LABELS: Record<Score, string> = {
  1: 'Weak',
  2: 'Below competent',
  3: 'Competent',
  4: 'Strong',
  5: 'Senior-ready',
};
