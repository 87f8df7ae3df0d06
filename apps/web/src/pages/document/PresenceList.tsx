// Who is in the document now: one avatar per person (several tabs count once), from the
// awareness states the server stamps with each connection's name and colour.
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { caretColorClass } from '../../editor/collaborationCarets.ts';
import { useT } from '../../i18n/useT.ts';

interface Person {
  userId: string;
  name: string;
  color: string;
}

function peopleIn(awareness: Awareness): Person[] {
  const people = new Map<string, Person>();
  for (const state of awareness.getStates().values()) {
    const user = (state as { user?: Partial<Person> }).user;
    if (!user || typeof user.userId !== 'string' || typeof user.name !== 'string') continue;
    people.set(user.userId, { userId: user.userId, name: user.name, color: user.color ?? '' });
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('');
}

export function PresenceList({ awareness, myUserId }: { awareness: Awareness; myUserId: string }) {
  const t = useT();
  const [people, setPeople] = useState(() => peopleIn(awareness));
  useEffect(() => {
    const update = () => setPeople(peopleIn(awareness));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);

  return (
    <section className="presence" aria-label={t('presence.inDocument')}>
      <ul className="presence-list">
        {people.map((person) => {
          const label =
            person.userId === myUserId ? t('presence.you', { name: person.name }) : person.name;
          return (
            <li key={person.userId} className="presence-person">
              <span
                className={`presence-avatar ${caretColorClass(person.color)}`}
                title={label}
                aria-hidden="true"
              >
                {initials(person.name)}
              </span>
              <span className="visually-hidden presence-name">{label}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
