import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import styles from './code-pad.module.css';

interface PadPerson {
  key: string;
  name: string;
  color: string;
  self: boolean;
}

// What the pad puts in the awareness `user` field; a peer may not have set it yet.
function isPadUser(value: unknown): value is { name: string; color: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { name, color } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof color === 'string';
}

function peopleIn(awareness: Awareness): PadPerson[] {
  const people = new Map<string, PadPerson>();
  awareness.getStates().forEach((state, clientId) => {
    const user: unknown = state['user'];
    if (!isPadUser(user)) return;
    // One person in two tabs is two clients with the same name and colour: listed once.
    const key = `${user.name}\u0000${user.color}`;
    const self = clientId === awareness.clientID || people.get(key)?.self === true;
    people.set(key, { key, name: user.name, color: user.color, self });
  });
  return [...people.values()].sort(
    (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name),
  );
}

const sameList = (a: PadPerson[], b: PadPerson[]) =>
  a.length === b.length && a.every((person, index) => person.key === b[index]?.key);

/** Who has the pad (or the board) open, each beside the colour of their caret or pointer. */
export function PadPeople({
  awareness,
  label = 'People in the pad',
}: {
  awareness: Awareness;
  label?: string;
}) {
  const [people, setPeople] = useState(() => peopleIn(awareness));
  useEffect(() => {
    // Awareness changes with every caret move; the list only when someone comes or goes.
    const refresh = () => {
      const next = peopleIn(awareness);
      setPeople((current) => (sameList(current, next) ? current : next));
    };
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);

  return (
    <ul className={styles.people} aria-label={label}>
      {people.map((person) => (
        <li key={person.key}>
          <span
            className={styles.swatch}
            style={{ backgroundColor: person.color }}
            aria-hidden="true"
          />
          {person.name}
          {person.self && ' (you)'}
        </li>
      ))}
    </ul>
  );
}
