import type { RoundTypeId, Visibility } from '@signal-room/domain';
import { layerOf } from '@signal-room/domain';
import type { CatalogResponse } from '@signal-room/protocol';
import {
  SESSION_MINUTES,
  apiError,
  createSessionBodySchema,
  issuesOf,
} from '@signal-room/protocol';
import type { FormEvent } from 'react';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { createSession } from '../api/client';
import { CatalogError } from '../catalog/catalog-error';
import { CatalogLoading } from '../catalog/catalog-loading';
import { LAYER_LABELS, LayerMark } from '../catalog/layer-mark';
import type { SignalNames } from '../catalog/signal-names';
import { signalNamesOf } from '../catalog/signal-names';
import { SignalTags } from '../catalog/signal-tags';
import { useCatalog } from '../catalog/use-catalog';
import { ErrorNotice } from '../ui/error-notice';
import styles from './new-session-page.module.css';

type RoundType = CatalogResponse['roundTypes'][number];

/** The prompt choice that means "the interviewer writes one". */
const CUSTOM = 'custom';

const LAYERS = ['primary', 'secondary', 'floor'] as const;

const VISIBILITY_CHOICES: readonly { value: Visibility; label: string; description: string }[] = [
  {
    value: 'private',
    label: 'Private',
    description:
      'Scores and evidence stay hidden from the candidate until you release the feedback. Closest to a real loop.',
  },
  {
    value: 'coaching',
    label: 'Coaching',
    description: 'The candidate sees scores and evidence live, as you record them.',
  },
];

/** Fields the form can point at when a value is refused, in the order they appear. */
const FIELDS = ['title', 'body', 'hints', 'duration'] as const;
type Field = (typeof FIELDS)[number];

const FIELD_ERRORS: Record<Field, string> = {
  title: 'Give the prompt a title, up to 200 characters.',
  body: 'Write the prompt the candidate will read, up to 8,000 characters.',
  hints: 'Use up to 10 hints, one per line, each up to 1,000 characters.',
  duration: `Enter a whole number of minutes from ${SESSION_MINUTES.min} to ${SESSION_MINUTES.max}.`,
};

/** The prompt a round starts with: the one asked for if the round has it, else the round's first. */
function startingPrompt(prompts: readonly { id: string }[], asked: string | null): string {
  if (asked === CUSTOM) return CUSTOM;
  return (prompts.find((prompt) => prompt.id === asked) ?? prompts[0])?.id ?? CUSTOM;
}

function fieldOf(path: readonly PropertyKey[]): Field | null {
  if (path[0] === 'durationMinutes') return 'duration';
  if (
    path[0] === 'customPrompt' &&
    (path[1] === 'title' || path[1] === 'body' || path[1] === 'hints')
  ) {
    return path[1];
  }
  return null;
}

export default function NewSessionPage() {
  const { state, retry } = useCatalog();
  return (
    <div className={styles.page}>
      <div>
        <h1 className={styles.title}>New session</h1>
        <p className={styles.lead}>
          Choose the round and the prompt. Once the session exists you can invite a candidate and
          observers from its room.
        </p>
      </div>
      {state.status === 'loading' && <CatalogLoading />}
      {state.status === 'failed' && <CatalogError error={state.error} onRetry={retry} />}
      {state.status === 'ready' && <NewSessionForm catalog={state.catalog} />}
    </div>
  );
}

function NewSessionForm({ catalog }: { catalog: CatalogResponse }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const names = useMemo(() => signalNamesOf(catalog.signals), [catalog.signals]);
  const promptsOf = useCallback(
    (round: RoundTypeId) => catalog.prompts.filter((prompt) => prompt.roundType === round),
    [catalog.prompts],
  );

  // A link from the catalogue may name the round to start with, the next-mock proposal its
  // prompt as well; a prompt of another round is ignored.
  const initial =
    catalog.roundTypes.find((round) => round.id === params.get('round')) ?? catalog.roundTypes[0];
  const [roundId, setRoundId] = useState<RoundTypeId>(initial.id);
  const [promptChoice, setPromptChoice] = useState(() =>
    startingPrompt(promptsOf(initial.id), params.get('prompt')),
  );
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [hints, setHints] = useState('');
  const [duration, setDuration] = useState(String(initial.defaultMinutes));
  const [visibility, setVisibility] = useState<Visibility>('private');
  const [peerMode, setPeerMode] = useState(false);
  const [invalid, setInvalid] = useState<ReadonlySet<Field>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const inputs = {
    title: useRef<HTMLInputElement>(null),
    body: useRef<HTMLTextAreaElement>(null),
    hints: useRef<HTMLTextAreaElement>(null),
    duration: useRef<HTMLInputElement>(null),
  };

  const round = catalog.roundTypes.find((candidate) => candidate.id === roundId) ?? initial;
  const prompts = promptsOf(round.id);
  const chosenPrompt = prompts.find((prompt) => prompt.id === promptChoice);

  const chooseRound = useCallback(
    (next: RoundType) => {
      setRoundId(next.id);
      // A new round brings its own default length and its own prompts.
      setDuration(String(next.defaultMinutes));
      setPromptChoice(startingPrompt(promptsOf(next.id), null));
      setInvalid((previous) => new Set([...previous].filter((field) => field !== 'duration')));
    },
    [promptsOf],
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = createSessionBodySchema.safeParse({
      roundType: round.id,
      ...(promptChoice === CUSTOM
        ? {
            customPrompt: {
              title,
              body,
              hints: hints
                .split('\n')
                .map((hint) => hint.trim())
                .filter(Boolean),
            },
          }
        : { promptId: promptChoice }),
      durationMinutes: duration.trim() === '' ? Number.NaN : Number(duration),
      visibility,
      peerMode,
    });
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => fieldOf(issue.path)));
      if (fields.has(null)) {
        // Not something the person typed: say what the server would have said.
        setFailure(
          apiError('INVALID_PAYLOAD', 'Some choices are not valid.', issuesOf(parsed.error)),
        );
      }
      const known = new Set(FIELDS.filter((field) => fields.has(field)));
      setInvalid(known);
      const first = FIELDS.find((field) => known.has(field));
      if (first) inputs[first].current?.focus();
      return;
    }
    setInvalid(new Set());
    setFailure(null);
    setBusy(true);
    try {
      const session = await createSession(parsed.data);
      void navigate(`/sessions/${session.id}`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  const describe = (field: Field, hintId?: string) => ({
    'aria-invalid': invalid.has(field) ? true : undefined,
    'aria-describedby':
      [hintId, invalid.has(field) && `${field}-error`].filter(Boolean).join(' ') || undefined,
  });
  const errorFor = (field: Field) =>
    invalid.has(field) && (
      <p id={`${field}-error`} className={styles.fieldError}>
        {FIELD_ERRORS[field]}
      </p>
    );

  return (
    <form
      className={styles.form}
      noValidate
      aria-busy={busy}
      onSubmit={(event) => void submit(event)}
    >
      <div className={styles.sections}>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>
            <h2>Round type</h2>
          </legend>
          <p className={styles.hint}>
            Each round exists to measure its primary signals. Secondary signals are worth noting
            when they show up; floor signals are expected in every round.
          </p>
          <RoundChoices
            rounds={catalog.roundTypes}
            selected={round.id}
            names={names}
            onChoose={chooseRound}
          />
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>
            <h2>Prompt</h2>
          </legend>
          <p className={styles.hint}>
            Prompts from the bank come with an interviewer guide, hints and follow-up questions.
          </p>
          <ul className={styles.prompts}>
            {prompts.map((prompt) => (
              <li key={prompt.id} className={styles.option}>
                <div className={styles.optionHead}>
                  <input
                    type="radio"
                    id={`prompt-${prompt.id}`}
                    name="prompt"
                    value={prompt.id}
                    checked={promptChoice === prompt.id}
                    onChange={() => setPromptChoice(prompt.id)}
                    aria-describedby={`prompt-${prompt.id}-signals`}
                  />
                  <label htmlFor={`prompt-${prompt.id}`} className={styles.optionLabel}>
                    {prompt.title}
                  </label>
                </div>
                <p id={`prompt-${prompt.id}-signals`} className="visually-hidden">
                  Samples {listOf(prompt.signals.map((signal) => names[signal]))}.
                </p>
                <div className={styles.promptSignals} aria-hidden="true">
                  <SignalTags ids={prompt.signals} names={names} label="Samples" />
                </div>
              </li>
            ))}
            <li className={styles.option}>
              <div className={styles.optionHead}>
                <input
                  type="radio"
                  id="prompt-custom"
                  name="prompt"
                  value={CUSTOM}
                  checked={promptChoice === CUSTOM}
                  onChange={() => setPromptChoice(CUSTOM)}
                />
                <label htmlFor="prompt-custom" className={styles.optionLabel}>
                  Write my own prompt
                </label>
              </div>
            </li>
          </ul>
          {prompts.length === 0 && (
            <p className={styles.hint}>The bank has no prompts for this round yet.</p>
          )}
          {promptChoice === CUSTOM && (
            <div className={styles.custom}>
              <div className="field">
                <label htmlFor="custom-title">Title</label>
                <input
                  id="custom-title"
                  ref={inputs.title}
                  maxLength={200}
                  value={title}
                  onChange={(event) => setTitle(event.target.value)}
                  {...describe('title')}
                />
                {errorFor('title')}
              </div>
              <div className="field">
                <label htmlFor="custom-body">Prompt</label>
                <p id="custom-body-hint" className="hint">
                  What the candidate reads when you reveal it.
                </p>
                <textarea
                  id="custom-body"
                  ref={inputs.body}
                  rows={6}
                  maxLength={8000}
                  value={body}
                  onChange={(event) => setBody(event.target.value)}
                  {...describe('body', 'custom-body-hint')}
                />
                {errorFor('body')}
              </div>
              <div className="field">
                <label htmlFor="custom-hints">Hints (optional)</label>
                <p id="custom-hints-hint" className="hint">
                  One per line, up to 10. You reveal them to the candidate one at a time.
                </p>
                <textarea
                  id="custom-hints"
                  ref={inputs.hints}
                  rows={4}
                  value={hints}
                  onChange={(event) => setHints(event.target.value)}
                  {...describe('hints', 'custom-hints-hint')}
                />
                {errorFor('hints')}
              </div>
            </div>
          )}
        </fieldset>

        <section className={styles.fieldset} aria-labelledby="settings-heading">
          <h2 id="settings-heading" className={styles.sectionTitle}>
            Settings
          </h2>
          <div className={`field ${styles.duration}`}>
            <label htmlFor="duration">Duration in minutes</label>
            <p id="duration-hint" className="hint">
              {round.name} takes {round.defaultMinutes} minutes by default; changing the round
              resets it. Anything from {SESSION_MINUTES.min} to {SESSION_MINUTES.max} works.
            </p>
            <input
              id="duration"
              ref={inputs.duration}
              type="number"
              inputMode="numeric"
              min={SESSION_MINUTES.min}
              max={SESSION_MINUTES.max}
              step={1}
              value={duration}
              onChange={(event) => setDuration(event.target.value)}
              {...describe('duration', 'duration-hint')}
            />
            {errorFor('duration')}
          </div>

          <fieldset className={styles.choices}>
            <legend className={styles.choicesLegend}>Who sees the scores</legend>
            {VISIBILITY_CHOICES.map((choice) => (
              <div key={choice.value} className={styles.choice}>
                <input
                  type="radio"
                  id={`visibility-${choice.value}`}
                  name="visibility"
                  value={choice.value}
                  checked={visibility === choice.value}
                  onChange={() => setVisibility(choice.value)}
                  aria-describedby={`visibility-${choice.value}-hint`}
                />
                <label htmlFor={`visibility-${choice.value}`}>{choice.label}</label>
                <p id={`visibility-${choice.value}-hint`} className={styles.choiceHint}>
                  {choice.description}
                </p>
              </div>
            ))}
          </fieldset>

          <div className={styles.choice}>
            <input
              type="checkbox"
              id="peer-mode"
              checked={peerMode}
              onChange={(event) => setPeerMode(event.target.checked)}
              aria-describedby="peer-mode-hint"
            />
            <label htmlFor="peer-mode">Peer practice: swap roles afterwards</label>
            <p id="peer-mode-hint" className={styles.choiceHint}>
              When this round ends, you and your partner swap seats for a second round with a fresh
              prompt.
            </p>
          </div>
        </section>
      </div>

      <aside className={styles.summary} aria-labelledby="summary-heading">
        <h2 id="summary-heading" className={styles.sectionTitle}>
          Your session
        </h2>
        <dl className={styles.summaryList}>
          <dt>Round</dt>
          <dd>{round.name}</dd>
          <dt>Prompt</dt>
          <dd>{chosenPrompt?.title ?? (title.trim() || 'Your own prompt')}</dd>
          <dt>Length</dt>
          <dd>{duration.trim() ? `${duration} minutes` : '—'}</dd>
          <dt>Scores</dt>
          <dd>{visibility === 'private' ? 'Hidden until you release them' : 'Shown live'}</dd>
          {peerMode && (
            <>
              <dt>Peer practice</dt>
              <dd>Swap roles afterwards</dd>
            </>
          )}
        </dl>
        {failure !== null && <ErrorNotice error={failure} />}
        <button
          type="submit"
          className={`button button--primary ${styles.submit}`}
          aria-disabled={busy}
        >
          {busy ? 'Creating session…' : 'Create session'}
        </button>
      </aside>
    </form>
  );
}

interface RoundChoicesProps {
  rounds: readonly RoundType[];
  selected: RoundTypeId;
  names: SignalNames;
  onChoose: (round: RoundType) => void;
}

// Memoised: typing in the fields below should not redraw twelve cards of signals.
const RoundChoices = memo(function RoundChoices({
  rounds,
  selected,
  names,
  onChoose,
}: RoundChoicesProps) {
  return (
    <ul className={styles.rounds}>
      {rounds.map((option) => (
        <li key={option.id} className={styles.option}>
          <div className={styles.optionHead}>
            <input
              type="radio"
              id={`round-${option.id}`}
              name="roundType"
              value={option.id}
              checked={option.id === selected}
              onChange={() => onChoose(option)}
              aria-describedby={`round-${option.id}-signals`}
            />
            <label htmlFor={`round-${option.id}`} className={styles.optionLabel}>
              {option.name}
            </label>
            <span className={styles.minutes}>{option.defaultMinutes} min</span>
          </div>
          <RoundSignals id={`round-${option.id}-signals`} round={option} names={names} />
        </li>
      ))}
    </ul>
  );
});

// The marks and tags are for the eye; a radio's description is one plain sentence, since a
// labelled list inside a description would be read as its label alone.
function RoundSignals({ id, round, names }: { id: string; round: RoundType; names: SignalNames }) {
  // A signal listed in two layers shows in the one that counts (communication: floor, or primary).
  const layers = LAYERS.map((layer) => ({
    layer,
    ids: round[layer].filter((signal) => layerOf(round, signal) === layer),
  })).filter(({ ids }) => ids.length > 0);
  return (
    <>
      <p id={id} className="visually-hidden">
        {layers
          .map(
            ({ layer, ids }) =>
              `${LAYER_LABELS[layer]}: ${listOf(ids.map((signal) => names[signal]))}.`,
          )
          .join(' ')}
      </p>
      <dl className={styles.layers} aria-hidden="true">
        {layers.map(({ layer, ids }) => (
          <div key={layer} className={styles.layer}>
            <dt>
              <LayerMark layer={layer} />
            </dt>
            <dd>
              <SignalTags ids={ids} names={names} label={`${LAYER_LABELS[layer]} signals`} />
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

const listOf = (items: readonly string[]): string =>
  new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(items);
