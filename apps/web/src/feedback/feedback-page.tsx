import type { FeedbackDocument } from '@signal-room/domain';
import { formatOffset } from '@signal-room/domain';
import type { SessionSummary } from '@signal-room/protocol';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiRequestError, downloadFeedback, getFeedback, getSession } from '../api/client';
import { useLoad } from '../history/use-load';
import { ErrorNotice } from '../ui/error-notice';
import { AuditSection } from './audit-section';
import { CalibrationSection } from './calibration-section';
import { CommunicationSection } from './communication-section';
import { DrillsSection } from './drills-section';
import { feedbackOpen } from './feedback-access';
import { FindingsSection } from './findings-section';
import { HiddenSignalsSection } from './hidden-signals-section';
import { MarksSection } from './marks-section';
import { MovesSection } from './moves-section';
import { RatingSection } from './rating-section';
import { ReadingSection } from './reading-section';
import { SelfAssessmentSection } from './self-assessment-section';
import { SheetSection } from './sheet-section';
import { SignalDetails } from './signal-details';
import { SignalOverview } from './signal-overview';
import { SummarySection } from './summary-section';
import { WatchForSection } from './watch-for-section';
import styles from './feedback-page.module.css';

const endedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const isNotReady = (error: unknown): boolean =>
  error instanceof ApiRequestError && error.code === 'FEEDBACK_NOT_READY';

/**
 * The session first, for the viewer's role in it: feedback the role may not read yet is not
 * asked for (the refusal would be an error in the console on every visit), just said so.
 */
async function loadFeedback(
  id: string,
  signal: AbortSignal,
): Promise<{ session: SessionSummary; doc: FeedbackDocument | null }> {
  const session = await getSession(id, signal);
  return { session, doc: feedbackOpen(session) ? await getFeedback(id, signal) : null };
}

export default function FeedbackPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { loaded, retry } = useLoad(id, (signal) => loadFeedback(id, signal));

  if (loaded.status === 'loading') {
    return (
      <p className="muted" role="status">
        Loading feedback…
      </p>
    );
  }
  if (loaded.status === 'failed') {
    return isNotReady(loaded.error) ? (
      <NotReady sessionId={id} onRetry={retry} />
    ) : (
      <div className={styles.page}>
        <h1 className={styles.title}>Feedback</h1>
        <ErrorNotice error={loaded.error} onRetry={retry} />
      </div>
    );
  }
  const { session, doc } = loaded.data;
  return doc === null ? (
    <NotReady sessionId={id} onRetry={retry} />
  ) : (
    <FeedbackReport session={session} doc={doc} />
  );
}

function NotReady({ sessionId, onRetry }: { sessionId: string; onRetry: () => void }) {
  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Feedback is not out yet</h1>
      <div className={`notice ${styles.notReady}`}>
        <p>
          The interviewer has not released feedback yet. Feedback is written when the round ends,
          and the interviewer releases it once they have finished their notes, so it can take a
          little while.
        </p>
        <p>Nothing is lost in the meantime: every piece of evidence stays with the session.</p>
      </div>
      <div className={styles.actions}>
        <Link className="button button--primary" to={`/sessions/${sessionId}`}>
          Back to the room
        </Link>
        <button type="button" className="button" onClick={onRetry}>
          Check again
        </button>
      </div>
    </div>
  );
}

function FeedbackReport({ session, doc }: { session: SessionSummary; doc: FeedbackDocument }) {
  const sessionId = session.id;
  const facts = [
    `Time on the clock ${formatOffset(doc.elapsedMs)}`,
    ...(doc.endedAt === null ? [] : [`Ended ${endedFormat.format(doc.endedAt)}`]),
  ];
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>Feedback · {doc.roundType.name}</p>
        <h1 className={styles.title}>{doc.promptTitle ?? doc.roundType.name}</h1>
        <p className={styles.facts}>{facts.join(' · ')}</p>
        <p className={styles.question}>Which signals did the interviewer actually see?</p>
        <ExportActions sessionId={sessionId} />
        <nav aria-label="This session" className={`${styles.links} no-print`}>
          <Link to={`/sessions/${sessionId}`}>Back to the room</Link>
          <Link to={`/history/${sessionId}`}>Step through the timeline</Link>
          <Link to="/history">All past sessions</Link>
        </nav>
      </header>

      <SummarySection summary={doc.summary} />
      <ReadingSection reading={doc.reading} />
      <SignalOverview doc={doc} />
      <SignalDetails sessionId={sessionId} signals={doc.signals} />
      <HiddenSignalsSection hidden={doc.hiddenSignals} />
      {doc.sheet && <SheetSection sheet={doc.sheet} />}
      {doc.communication && <CommunicationSection sessionId={sessionId} talk={doc.communication} />}
      {session.myRole === 'candidate' && session.feedbackReleased && (
        <AuditSection sessionId={sessionId} elapsedMs={doc.elapsedMs} />
      )}
      <WatchForSection items={doc.watchFor ?? []} />
      <SelfAssessmentSection doc={doc} />
      <FindingsSection findings={doc.findings} />
      <MovesSection sessionId={sessionId} moves={doc.moves} elapsedMs={doc.elapsedMs} />
      <MarksSection sessionId={sessionId} flags={doc.flags} phases={doc.phases} />
      <DrillsSection drills={doc.drills} />
      <CalibrationSection session={session} />
      <RatingSection session={session} doc={doc} />
    </div>
  );
}

type ExportFormat = 'markdown' | 'json';

function ExportActions({ sessionId }: { sessionId: string }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);

  const exportAs = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      await downloadFeedback(sessionId, format);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={`${styles.exports} no-print`}>
      <div className={styles.actions} role="group" aria-label="Keep a copy">
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void exportAs('markdown')}
        >
          {busy === 'markdown' ? 'Preparing Markdown…' : 'Download Markdown'}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void exportAs('json')}
        >
          {busy === 'json' ? 'Preparing JSON…' : 'Download JSON'}
        </button>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          Print / save as PDF
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
