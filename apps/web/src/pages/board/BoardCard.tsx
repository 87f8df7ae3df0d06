// One claim on the board: its quote, document, verdict and due date; for moderators a
// checkbox for bulk assignment, an "Assign" menu (the keyboard way) and dragging to a lane.
import type { QueueClaim, VerdictScale } from '@factdesk/model';
import { useCallback, useId, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { Icon } from '../../components/Icon.tsx';
import { useDismiss } from '../../components/useDismiss.ts';
import { useT } from '../../i18n/useT.ts';
import { blindProgress } from '../document/panel/blindProgress.ts';
import { ClaimQuote, claimQuote, DueDate, isOverdue, VerdictBadge } from '../queue/ClaimBadges.tsx';
import { type BoardActions, DRAG_TYPE, type Lane } from './boardTypes.ts';

export function BoardCard({
  claim,
  lane,
  scale,
  showDocument,
  actions,
}: {
  claim: QueueClaim;
  lane: Lane;
  scale: VerdictScale | undefined;
  showDocument: boolean;
  actions: BoardActions;
}) {
  const assignable = actions.canAssign && claim.status !== 'approved';
  const quote = claimQuote(claim);
  const short = quote.length > 60 ? `${quote.slice(0, 59)}…` : quote;
  const others = claim.assignees.filter((person) => person.id !== lane.person?.id);
  const [dragging, setDragging] = useState(false);
  const t = useT();
  const intl = useIntl();

  return (
    <article
      className={`board-card${isOverdue(claim) ? ' is-overdue' : ''}${dragging ? ' is-dragging' : ''}`}
      draggable={assignable}
      data-claim-id={claim.id}
      data-lane-id={lane.id}
      aria-label={t('card.label', { quote: short })}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ claimId: claim.id, from: lane.id }));
        event.dataTransfer.setData('text/plain', quote);
        event.dataTransfer.effectAllowed = 'move';
        setDragging(true);
      }}
      onDragEnd={() => setDragging(false)}
    >
      <div className="board-card-top">
        {assignable && (
          <label className="board-card-select">
            <input
              type="checkbox"
              checked={actions.selected.has(claim.id)}
              onChange={() => actions.toggleSelected(claim.id)}
            />
            <span className="visually-hidden">{t('card.select', { quote: short })}</span>
          </label>
        )}
        <Link
          className="board-card-link"
          to={`/w/${claim.workspaceId}/d/${claim.documentId}?claim=${claim.id}`}
        >
          <ClaimQuote claim={claim} />
        </Link>
      </div>
      {showDocument && (
        <p className="board-card-document" dir="auto">
          {claim.documentTitle}
        </p>
      )}
      <div className="board-card-meta">
        {claim.verdict !== null && (
          <VerdictBadge
            scale={scale}
            verdict={claim.verdict}
            frozenLabel={claim.approvedVerdict?.label}
          />
        )}
        {claim.blindReview.blind && claim.assignees.length > 0 && (
          <span className="badge badge-blind">{blindProgress(intl, claim)}</span>
        )}
        {claim.status === 'adjudication' && (
          <span className="badge badge-blind">{t('blind.badge.disagree')}</span>
        )}
        {(claim.dueAt !== null || assignable) && <DueDate claim={claim} />}
        <LinkFlags claim={claim} />
      </div>
      {others.length > 0 && (
        <p className="board-card-others">
          {t(lane.person ? 'card.also' : 'card.assignedTo', {
            names: others.map((person) => person.name).join(', '),
          })}
        </p>
      )}
      {assignable && <AssignMenu claim={claim} label={short} actions={actions} />}
    </article>
  );
}

/** "Dead link" / "Moved" when the link checker found some of the claim's evidence so. */
function LinkFlags({ claim }: { claim: QueueClaim }) {
  const t = useT();
  const flag = (count: number, kind: 'dead' | 'moved') =>
    count > 0 && (
      <span
        className={`badge badge-link-${kind}`}
        title={t(kind === 'dead' ? 'card.deadTitle' : 'card.movedTitle', { count })}
      >
        {t(kind === 'dead' ? 'card.dead' : 'card.moved', { count })}
      </span>
    );
  return (
    <>
      {flag(claim.deadLinkCount, 'dead')}
      {flag(claim.movedLinkCount, 'moved')}
    </>
  );
}

/** A disclosure of buttons, one per person; pressed ones are assigned already. */
function AssignMenu({
  claim,
  label,
  actions,
}: {
  claim: QueueClaim;
  label: string;
  actions: BoardActions;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const popupId = useId();
  const t = useT();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, container, trigger);
  const assigned = new Set(claim.assignees.map((person) => person.id));

  return (
    <div className="menu board-assign" ref={container}>
      <button
        ref={trigger}
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={popupId}
        aria-label={t('card.assignNamed', { quote: label })}
        disabled={pending}
        onClick={() => setOpen(!open)}
      >
        <Icon name="users" size={15} />
        {pending ? t('connection.saving') : t('assignment.submit')}
        <Icon name="chevron" size={14} />
      </button>
      {open && (
        <div className="menu-popup menu-popup-start board-assign-popup" id={popupId}>
          <p className="menu-label">{t('card.assignTo')}</p>
          {actions.assignable.length === 0 ? (
            <p className="menu-empty">{t('card.nobody')}</p>
          ) : (
            <ul className="menu-list">
              {actions.assignable.map((person) => (
                <li key={person.id}>
                  <button
                    type="button"
                    className="menu-item"
                    aria-pressed={assigned.has(person.id)}
                    onClick={async () => {
                      close();
                      trigger.current?.focus();
                      setPending(true);
                      await actions.toggleAssignee(claim, person);
                      setPending(false);
                    }}
                  >
                    <span className="board-assign-check" aria-hidden="true">
                      {assigned.has(person.id) && <Icon name="check" size={16} />}
                    </span>
                    <span className="menu-item-text">{person.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
