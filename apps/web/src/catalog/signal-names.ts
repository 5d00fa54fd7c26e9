import type { SignalId } from '@signal-room/domain';
import type { CatalogResponse } from '@signal-room/protocol';

export type SignalNames = Record<SignalId, string>;

export function signalNamesOf(signals: CatalogResponse['signals']): SignalNames {
  return Object.fromEntries(signals.map((signal) => [signal.id, signal.name])) as SignalNames;
}
