import styles from './side-pane.module.css';

export interface PaneJump {
  label: string;
  /** The id of the part of the pane it brings into view. */
  target: string;
}

/**
 * One click to any part of the pane beside the pad: it scrolls there and takes the keyboard
 * along, so the guide or the scorecard is never a long scroll away from the note box.
 */
export function PaneJumps({ jumps }: { jumps: readonly PaneJump[] }) {
  return (
    <nav className={styles.jumps} aria-label="Parts of this pane">
      {jumps.map(({ label, target }) => (
        <button
          key={target}
          type="button"
          className="button button--quiet"
          onClick={() => {
            const part = document.getElementById(target);
            part?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
            part?.focus({ preventScroll: true });
          }}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
