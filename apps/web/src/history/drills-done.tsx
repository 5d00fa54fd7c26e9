import { drillById } from '@signal-room/domain';
import type { ProgressResponse } from '@signal-room/protocol';
import { dayFormat } from './labels';

/** Each drill done on its own page, how often and when last. */
export function DrillsDone({ drills }: { drills: ProgressResponse['drillsDone'] }) {
  if (drills.length === 0) return <p className="muted">No drill done yet.</p>;
  return (
    <ul>
      {drills.map(({ drill, count, lastDoneAt }) => (
        <li key={drill}>
          <strong>{drillById(drill).name}</strong>: {count === 1 ? 'once' : `${count} times`}, last
          on {dayFormat.format(new Date(lastDoneAt))}
        </li>
      ))}
    </ul>
  );
}
