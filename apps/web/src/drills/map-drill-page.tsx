import type { RoundTypeId } from '@signal-room/domain';
import { ROUND_TYPES, drillById, roundTypeById } from '@signal-room/domain';
import { useState } from 'react';
import { ErrorNotice } from '../ui/error-notice';
import { CountdownDisplay, useCountdown } from './countdown';
import { DrillHeader } from './drill-header';
import { SignalSelect } from './signal-select';
import { useSaveDrill } from './use-save-drill';
import styles from './drills.module.css';

interface Entry {
  signal: string;
  behaviour: string;
}

interface DraftRound {
  key: number;
  roundType: RoundTypeId;
  entries: [Entry, Entry, Entry];
}

const ROWS = ['Primary signal', 'First secondary signal', 'Second secondary signal'] as const;
const blank = (): Entry => ({ signal: '', behaviour: '' });

export default function MapDrillPage() {
  const countdown = useCountdown(drillById('round-to-signal-map').minutes * 60);
  const { save, saving, error } = useSaveDrill('round-to-signal-map');
  const [company, setCompany] = useState('');
  const [adding, setAdding] = useState<RoundTypeId>('coding-screen');
  const [rounds, setRounds] = useState<DraftRound[]>([]);

  const update = (key: number, index: number, change: Partial<Entry>) =>
    setRounds((current) =>
      current.map((round) =>
        round.key === key
          ? {
              ...round,
              entries: round.entries.map((entry, at) =>
                at === index ? { ...entry, ...change } : entry,
              ) as DraftRound['entries'],
            }
          : round,
      ),
    );

  const submit = () => {
    save({
      company,
      rounds: rounds.map(({ roundType, entries: [primary, ...secondary] }) => ({
        roundType,
        primary,
        secondary,
      })),
      elapsedSeconds: countdown.elapsedSeconds(),
    });
  };

  return (
    <div className={styles.page}>
      <DrillHeader drill="round-to-signal-map">
        <p>
          Write down the rounds of a loop you are preparing for. For each, name the one signal it
          exists to measure and two that support it, and how you will make each of them visible.
          When you save, your map is set beside the catalogue and every difference is explained.
        </p>
      </DrillHeader>

      <div className={styles.timerBar}>
        <CountdownDisplay countdown={countdown} />
        {!countdown.active && !countdown.over && (
          <button type="button" className="button button--primary" onClick={countdown.start}>
            Start the {drillById('round-to-signal-map').minutes}-minute clock
          </button>
        )}
        {countdown.expired && (
          <p className={styles.timeUp}>Time is up: finish the round in hand and save.</p>
        )}
      </div>

      {(countdown.active || countdown.over) && (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <div className="field">
            <label htmlFor="company">Company</label>
            <input
              id="company"
              required
              value={company}
              onChange={(event) => setCompany(event.target.value)}
            />
          </div>

          {rounds.map((round, position) => (
            <fieldset key={round.key} className={`card ${styles.round}`}>
              <legend className={styles.legend}>
                Round {position + 1}: {roundTypeById(round.roundType).name}
              </legend>
              {round.entries.map((entry, index) => {
                const id = `round-${round.key}-${index}`;
                return (
                  <div key={id} className={styles.entry}>
                    <div className="field">
                      <label htmlFor={`${id}-signal`}>{ROWS[index]}</label>
                      <SignalSelect
                        id={`${id}-signal`}
                        value={entry.signal}
                        placeholder="Choose a signal"
                        onChange={(signal) => update(round.key, index, { signal })}
                      />
                    </div>
                    <div className="field">
                      <label htmlFor={`${id}-behaviour`}>What you will do to show it</label>
                      <input
                        id={`${id}-behaviour`}
                        required
                        value={entry.behaviour}
                        onChange={(event) =>
                          update(round.key, index, { behaviour: event.target.value })
                        }
                      />
                    </div>
                  </div>
                );
              })}
              <button
                type="button"
                className="button button--quiet"
                onClick={() =>
                  setRounds((current) => current.filter((other) => other.key !== round.key))
                }
              >
                Remove round {position + 1}
              </button>
            </fieldset>
          ))}

          <div className={styles.addRow}>
            <div className="field">
              <label htmlFor="add-round">Round type</label>
              <select
                id="add-round"
                value={adding}
                onChange={(event) => setAdding(event.target.value as RoundTypeId)}
              >
                {ROUND_TYPES.map((type) => (
                  <option key={type.id} value={type.id}>
                    {type.name}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button"
              onClick={() =>
                setRounds((current) => [
                  ...current,
                  {
                    key: (current.at(-1)?.key ?? 0) + 1,
                    roundType: adding,
                    entries: [blank(), blank(), blank()],
                  },
                ])
              }
            >
              Add this round
            </button>
          </div>

          {error !== null && <ErrorNotice error={error} />}
          <div className={styles.actions}>
            <button
              type="submit"
              className="button button--primary"
              disabled={saving || rounds.length === 0}
            >
              {saving ? 'Saving…' : 'Check my map against the catalogue'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
