// "Assign selected to…": the board's bulk action for the checked cards, with an optional due
// date (the end of that day, in your time zone).
import type { PersonRef } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';

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
    <form className="bulk-assign" onSubmit={submit} aria-label="Assign selected claims">
      <p className="bulk-assign-count" role="status">
        {count} {count === 1 ? 'claim' : 'claims'} selected
      </p>
      <div className="field">
        <label htmlFor={`${ids}-person`}>Assign selected to</label>
        <select
          id={`${ids}-person`}
          value={personId}
          onChange={(event) => setPersonId(event.target.value)}
          required
        >
          <option value="">Choose a person…</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-due`}>
          Due date <span className="optional">(optional)</span>
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
          {pending ? 'Assigning…' : 'Assign'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClear}>
          Clear selection
        </button>
      </div>
    </form>
  );
}
