import type { ReactNode } from 'react';
import styles from './side-pane.module.css';

interface SidePaneProps {
  className: string;
  /** Set when the pane sits beside the workspace: it then scrolls on its own, under this name. */
  besideWorkspace: string | null;
  children: ReactNode;
}

/**
 * The column beside the workspace, the candidate's and the staff's. Scrolling on its own, it is
 * a named region the keyboard can reach, or its content could not be scrolled without a mouse.
 */
export function SidePane({ className, besideWorkspace, children }: SidePaneProps) {
  if (besideWorkspace === null) return <div className={className}>{children}</div>;
  return (
    <div
      className={`${className} ${styles.beside}`}
      role="region"
      aria-label={besideWorkspace}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
