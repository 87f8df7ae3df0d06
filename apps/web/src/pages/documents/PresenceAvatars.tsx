// Who has a document open right now, as a row of initials; each one's name is in the
// tooltip and read out by screen readers.
import type { PersonRef } from '@factdesk/model';
import { useT } from '../../i18n/useT.ts';

const SHOWN = 4;

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1 ? [words[0], words[words.length - 1]] : [name.trim().slice(0, 2)];
  return letters
    .map((word) => word?.[0] ?? '')
    .join('')
    .toUpperCase();
}

export function PresenceAvatars({ people }: { people: PersonRef[] }) {
  const t = useT();
  if (people.length === 0) return <span className="muted">{t('presence.nobody')}</span>;
  const shown = people.slice(0, SHOWN);
  const more = people.slice(SHOWN);
  return (
    <ul className="presence" aria-label={t('documents.openNow')}>
      {shown.map((person) => (
        <li key={person.id} className="presence-avatar" title={person.name}>
          <span aria-hidden="true">{initials(person.name)}</span>
          <span className="visually-hidden">{person.name}</span>
        </li>
      ))}
      {more.length > 0 && (
        <li className="presence-avatar presence-more" title={more.map((p) => p.name).join(', ')}>
          <span aria-hidden="true">+{more.length}</span>
          <span className="visually-hidden">{more.map((p) => p.name).join(', ')}</span>
        </li>
      )}
    </ul>
  );
}
