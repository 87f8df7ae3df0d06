// A comment box where "@" suggests workspace members: typing "@ali" lists matching members by
// name or e-mail; ↑/↓ choose, Enter or Tab inserts "@Name", Escape closes the list. The
// textarea stays a textbox (ARIA allows no combobox role on it) carrying the combobox
// pattern's other parts: aria-autocomplete="list", aria-controls and aria-activedescendant
// over a listbox of options. On sending, each chosen "@Name" becomes `<@user-id|Name>`, so the
// stored comment keeps who was meant whatever their name becomes.
import type { Member } from '@factdesk/model';
import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/useT.ts';

const MAX_OPTIONS = 8;
/** "@" at the start or after a space, then the words typed so far (up to the caret). */
const MENTION_QUERY = /(^|\s)@([^\s@]{0,40})$/;

export interface MentionComposerProps {
  id: string;
  value: string;
  onChange(value: string): void;
  members: Member[] | undefined;
  disabled?: boolean;
}

export function MentionComposer({ id, value, onChange, members, disabled }: MentionComposerProps) {
  const t = useT();
  const listId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ text: string; start: number } | undefined>();
  const [active, setActive] = useState(0);

  const options = useMemo(() => {
    if (!query || !members) return [];
    const wanted = query.text.toLowerCase();
    return members
      .filter(
        (member) =>
          member.displayName.toLowerCase().includes(wanted) ||
          member.email.toLowerCase().includes(wanted),
      )
      .slice(0, MAX_OPTIONS);
  }, [query, members]);
  const open = options.length > 0;

  function follow(text: string, caret: number) {
    const match = MENTION_QUERY.exec(text.slice(0, caret));
    if (!match) {
      setQuery(undefined);
      return;
    }
    const typed = match[2] ?? '';
    setQuery({ text: typed, start: caret - typed.length - 1 });
    setActive(0);
  }

  function choose(member: Member) {
    if (!query) return;
    const caret = textarea.current?.selectionStart ?? value.length;
    const inserted = `@${member.displayName} `;
    const next = value.slice(0, query.start) + inserted + value.slice(caret);
    onChange(next);
    setQuery(undefined);
    const position = query.start + inserted.length;
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(position, position);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const member = options[active];
      if (!member) return;
      event.preventDefault();
      choose(member);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setQuery(undefined);
    }
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="mention-composer">
      <textarea
        ref={textarea}
        id={id}
        dir="auto"
        rows={3}
        maxLength={10_000}
        value={value}
        disabled={disabled}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        aria-describedby={`${listId}-hint`}
        onChange={(event) => {
          onChange(event.target.value);
          follow(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(event) => follow(value, event.currentTarget.selectionStart)}
        onBlur={() => setQuery(undefined)}
      />
      <span id={`${listId}-hint`} className="visually-hidden">
        {t('mentions.hint')}
      </span>
      {open && (
        <div
          className="mention-options"
          id={listId}
          role="listbox"
          aria-label={t('mentions.options')}
        >
          {options.map((member, index) => (
            <div
              key={member.userId}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // Focus stays in the textarea (aria-activedescendant); never tabbed to.
              tabIndex={-1}
              className="mention-option"
              // Chosen before the textarea's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(member);
              }}
            >
              <span>{member.displayName}</span>
              <span className="mention-option-email">{member.email}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
