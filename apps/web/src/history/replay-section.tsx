import type { SheetTemplate, WorkspaceTool } from '@signal-room/domain';
import { useId, useMemo } from 'react';
import type { LineRange, ReplayUpdate } from '../workspace';
import {
  LazyBoardReplayView,
  LazyPadReplayView,
  LazySheetReplayView,
  userColor,
} from '../workspace';
import styles from './replay-section.module.css';

/** An author counts as at work this long after their last change. */
const WORKING_FOR_MS = 1500;

interface ReplaySectionProps {
  tool: WorkspaceTool;
  updates: readonly ReplayUpdate[];
  /** How many of them are in at the playback's position. */
  count: number;
  /** The playback's position, epoch ms. */
  position: number;
  names: Readonly<Record<string, string>>;
  /** What a note points at, highlighted in the tool it is in. */
  highlight: Pointed;
  /** The round's sheet, whose sections the sheet's replay shows. */
  sheet: SheetTemplate;
}

/** What the replays highlight: the pad's lines, the board's elements, or neither. */
export interface Pointed {
  lines: LineRange | null;
  elements: readonly string[] | null;
}

const WORDS: Record<WorkspaceTool, { title: string; doing: string; idle: string; who: string }> = {
  pad: {
    title: 'Replay of the code pad',
    doing: 'is typing',
    idle: 'Nobody is typing at this moment',
    who: 'Who typed in the pad',
  },
  board: {
    title: 'Replay of the board',
    doing: 'is drawing',
    idle: 'Nobody is drawing at this moment',
    who: 'Who drew on the board',
  },
  sheet: {
    title: 'Replay of the sheet',
    doing: 'is writing',
    idle: 'Nobody is writing at this moment',
    who: 'Who wrote in the sheet',
  },
};

const NONE: readonly string[] = [];

export function Swatch({ userId }: { userId: string }) {
  return (
    <span
      className={styles.swatch}
      style={{ backgroundColor: userColor(userId).color }}
      aria-hidden="true"
    />
  );
}

/**
 * A tool of the workspace played back update by update, with who was at work on it and, in the
 * pad, the lines a note points at.
 */
export function ReplaySection(props: ReplaySectionProps) {
  const { tool, updates, count, position, names, highlight, sheet } = props;
  const words = WORDS[tool];
  const { lines, elements } = highlight;
  const headingId = useId();
  const nameOf = (userId: string) => names[userId] ?? 'Someone who has left';
  const authors = useMemo(() => {
    const counts = new Map<string, number>();
    for (const { authorId } of updates) counts.set(authorId, (counts.get(authorId) ?? 0) + 1);
    return [...counts.entries()];
  }, [updates]);
  const latest = updates[count - 1];
  const working = latest && position - latest.at < WORKING_FOR_MS ? latest.authorId : null;

  return (
    <section className={styles.replay} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.title}>
        {words.title}
      </h2>
      <p className={styles.typing}>
        {working ? (
          <>
            <Swatch userId={working} /> {nameOf(working)} {words.doing}
          </>
        ) : (
          <span className="muted">{words.idle}</span>
        )}
        {tool === 'pad' && lines && (
          <span className={styles.pointed}>
            Lines {lines.from}
            {lines.to > lines.from ? `–${lines.to}` : ''} highlighted: the lines the note points at
          </span>
        )}
        {tool === 'board' && elements && (
          <span className={styles.pointed}>
            Selected: the {elements.length === 1 ? 'shape' : `${elements.length} shapes`} the note
            points at
          </span>
        )}
      </p>
      {tool === 'pad' && <LazyPadReplayView updates={updates} count={count} highlight={lines} />}
      {tool === 'board' && (
        <LazyBoardReplayView updates={updates} count={count} highlight={elements ?? NONE} />
      )}
      {tool === 'sheet' && <LazySheetReplayView updates={updates} count={count} template={sheet} />}
      <ul className={styles.authors} aria-label={words.who}>
        {authors.map(([authorId, edits]) => (
          <li key={authorId}>
            <Swatch userId={authorId} /> {nameOf(authorId)} · {edits}{' '}
            {edits === 1 ? 'edit' : 'edits'}
          </li>
        ))}
      </ul>
    </section>
  );
}
