import { Link } from 'react-router';
import { withNext } from '../auth/next-path';
import styles from './front-page.module.css';

const STEPS = [
  {
    title: 'Create a round',
    text: 'Pick the round type, from a recruiter screen to a system design, and take a prompt from the bank or write your own.',
  },
  {
    title: 'Invite your candidate',
    text: 'Send one link to the candidate and another to anyone who wants to observe. They make an account from the link and land in the room.',
  },
  {
    title: 'Get feedback on which signals showed',
    text: 'The interviewer notes what the candidate did as it happens. When the round ends, the candidate sees scores backed by that evidence, and the signals that never came up.',
  },
] as const;

/** `/` for a signed-out visitor: what the product is, how a round goes, and where to start. */
export default function FrontPage() {
  return (
    <div className={styles.page}>
      <title>Signal Room — mock interviews for senior engineers</title>
      <section className={styles.hero} aria-labelledby="front-heading">
        <h1 id="front-heading" className={styles.title}>
          Mock interviews for senior engineers, scored on what you actually did
        </h1>
        <p className={styles.lead}>
          Run a practice round with a peer or a coach. The interviewer records evidence against
          seven signals, from problem framing to communication, so the candidate leaves knowing
          which ones showed and which stayed hidden.
        </p>
        <div className={styles.actions}>
          <Link to={withNext('/signup', '/sessions/new')} className="button button--primary">
            Start a practice round
          </Link>
          <Link to="/catalog" className="button">
            See the signals and rounds
          </Link>
        </div>
        <p className={styles.aside}>
          An account takes a name, an email and a password. Already have one?{' '}
          <Link to={withNext('/signin', '/sessions/new')}>Sign in</Link>.
        </p>
      </section>

      <section className={styles.how} aria-labelledby="how-heading">
        <h2 id="how-heading" className={styles.heading}>
          How a round works
        </h2>
        <ol className={styles.steps}>
          {STEPS.map((step) => (
            <li key={step.title} className={styles.step}>
              <h3 className={styles.stepTitle}>{step.title}</h3>
              <p>{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
