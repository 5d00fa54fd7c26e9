import type { ReactNode } from 'react';
import styles from './table-scroll.module.css';

interface TableScrollProps {
  /** The id of the table's caption or heading, which names the scrolling region. */
  labelledBy: string;
  className?: string;
  children: ReactNode;
}

/**
 * A table wider than a phone scrolls sideways in here, and the page itself never does. The
 * region is named and focusable, so it says that it scrolls and a keyboard can scroll it.
 */
export function TableScroll({ labelledBy, className = '', children }: TableScrollProps) {
  return (
    <div
      className={`${styles.scroll} ${className}`}
      role="region"
      aria-labelledby={labelledBy}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
