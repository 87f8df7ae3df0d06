// "Assign selected to…": the board's bulk action for the checked cards, with an optional due
// date (the end of that day, in your time zone).
import type { PersonRef } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useT } from '../../i18n/useT.ts';

export function BulkAssignBar({
  count,
  people,
  onAssign,
  onClear,
}: {
  count: number;
  people: PersonRef[];
  onAssign(person: PersonRef, dueAt: string | undefined): Promise<void>;
  onClear(): void;
}) {
  const [personId, setPersonId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [pending, setPending] = useState(false);
  const ids = useId();
  const t = useT();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const person = people.find((p) => p.id === personId);
    if (!person) return;
    setPending(true);
    const dueAt = dueDate ? new Date(`${dueDate}T23:59:59`).toISOString() : undefined;
    await onAssign(person, dueAt);
    setPending(false);
  }

  return (
    <form className="bulk-assign" onSubmit={submit} aria-label={t('bulk.label')}>
      <p className="bulk-assign-count" role="status">
        {t('bulk.selected', { count })}
      </p>
      <div className="field">
        <label htmlFor={`${ids}-person`}>{t('bulk.assignTo')}</label>
        <select
          id={`${ids}-person`}
          value={personId}
          onChange={(event) => setPersonId(event.target.value)}
          required
        >
          <option value="">{t('bulk.choose')}</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-due`}>
          <FormattedMessage
            id="assignment.dueOptional"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <input
          id={`${ids}-due`}
          type="date"
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
        />
      </div>
      <div className="bulk-assign-actions">
        <button type="submit" className="button button-primary" disabled={pending || !personId}>
          {pending ? t('bulk.assigning') : t('assignment.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClear}>
          {t('bulk.clear')}
        </button>
      </div>
    </form>
  );
}
