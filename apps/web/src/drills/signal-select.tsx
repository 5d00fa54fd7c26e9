import type { RoundType } from '@signal-room/domain';
import { SIGNAL_IDS, layerOf, signalById } from '@signal-room/domain';

interface SignalSelectProps {
  id: string;
  /** A signal id, '' while nothing is chosen, or the value of one of `extra`. */
  value: string;
  onChange: (value: string) => void;
  /** Where given, each signal is labelled with the layer the round gives it. */
  round?: RoundType;
  placeholder: string;
  /** Choices offered before the signals. */
  extra?: readonly { value: string; label: string }[];
}

const layerLabel = (round: RoundType, signal: (typeof SIGNAL_IDS)[number]): string => {
  const layer = layerOf(round, signal);
  return layer === 'unsampled' ? 'not sampled' : layer;
};

/** A required choice of one of the seven signals. */
export function SignalSelect({
  id,
  value,
  onChange,
  round,
  placeholder,
  extra = [],
}: SignalSelectProps) {
  return (
    <select id={id} required value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{placeholder}</option>
      {extra.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
      {SIGNAL_IDS.map((signal) => (
        <option key={signal} value={signal}>
          {signalById(signal).name}
          {round ? ` (${layerLabel(round, signal)})` : ''}
        </option>
      ))}
    </select>
  );
}
