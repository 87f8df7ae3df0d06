// How a claim's status, verdict and due date read on a card, the same on the queue and the
// board: a word first, colour second (status dot, verdict tone, red for overdue).
import type { ClaimStatus, QueueClaim, VerdictScale } from '@factdesk/model';
import { statusLabel, verdictName, verdictTone } from '../../components/claimWords.ts';
import { formatDate, formatDateTime } from '../../components/formatDate.ts';
import { Icon } from '../../components/Icon.tsx';
import './claimBadges.css';
import type { IntlShape } from 'react-intl';
import { FormattedMessage, useIntl } from 'react-intl';
import { useT } from '../../i18n/useT.ts';

export function StatusBadge({ status }: { status: ClaimStatus }) {
  const intl = useIntl();
  return <span className={`claim-status claim-status-${status}`}>{statusLabel(intl, status)}</span>;
}

/** `frozenLabel`: an approved claim's label as approved, whatever the scale calls it now. */
export function VerdictBadge({
  scale,
  verdict,
  frozenLabel,
}: {
  scale: VerdictScale | undefined;
  verdict: string | null;
  frozenLabel?: string | undefined;
}) {
  const intl = useIntl();
  if (verdict === null) {
    return (
      <span className="verdict-badge verdict-badge-empty">
        {intl.formatMessage({ id: 'verdict.none' })}
      </span>
    );
  }
  const tone = scale ? verdictTone(scale, verdict) : 'tone-none';
  return (
    <span className={`verdict-badge verdict-badge-${tone}`}>
      {frozenLabel ?? (scale ? verdictName(intl, scale, verdict) : verdict)}
    </span>
  );
}

/** Past due and not approved yet: what a reviewer or a moderator must see first. */
export function isOverdue(claim: Pick<QueueClaim, 'dueAt' | 'status'>, now = Date.now()): boolean {
  return claim.dueAt !== null && claim.status !== 'approved' && Date.parse(claim.dueAt) < now;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Due within the next 24 hours and not approved: what to pick up today. */
export function isDueSoon(claim: Pick<QueueClaim, 'dueAt' | 'status'>, now = Date.now()): boolean {
  if (claim.dueAt === null || claim.status === 'approved') return false;
  const due = Date.parse(claim.dueAt);
  return due >= now && due - now <= DAY_MS;
}

/** "in 5 h", "in 40 min": how long is left on a claim due within the day. */
function timeLeft(intl: IntlShape, dueAt: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((Date.parse(dueAt) - now) / 60_000));
  return minutes < 60
    ? intl.formatMessage({ id: 'due.inMinutes' }, { minutes })
    : intl.formatMessage({ id: 'due.inHours' }, { hours: Math.round(minutes / 60) });
}

/** The due-date views of the queue and the board (?due=overdue|soon). */
export const DUE_VIEWS = [
  { value: 'all', label: 'due.view.all', matches: (_claim: QueueClaim) => true },
  {
    value: 'overdue',
    label: 'due.view.overdue',
    matches: (claim: QueueClaim) => isOverdue(claim),
  },
  { value: 'soon', label: 'due.view.soon', matches: (claim: QueueClaim) => isDueSoon(claim) },
] as const;
export type DueView = (typeof DUE_VIEWS)[number]['value'];

export function dueViewOf(value: string | null): DueView {
  return DUE_VIEWS.find((view) => view.value === value)?.value ?? 'all';
}

export function DueDate({ claim }: { claim: Pick<QueueClaim, 'dueAt' | 'status'> }) {
  const intl = useIntl();
  const { dueAt } = claim;
  if (dueAt === null) {
    return <span className="due due-none">{intl.formatMessage({ id: 'due.none' })}</span>;
  }
  const overdue = isOverdue(claim);
  const soon = isDueSoon(claim);
  return (
    <span className={overdue ? 'due due-overdue' : soon ? 'due due-soon' : 'due'}>
      <Icon name="clock" size={14} />
      <span>
        <FormattedMessage
          id={overdue ? 'due.wasDue' : 'due.dueWhen'}
          values={{
            when: soon ? timeLeft(intl, dueAt) : formatDate(intl, dueAt),
            time: (chunks) => (
              <time dateTime={dueAt} title={formatDateTime(intl, dueAt)}>
                {chunks}
              </time>
            ),
          }}
        />
      </span>
    </span>
  );
}

/** The words the claim is about: the text under its anchor now, or the quote it was made on. */
export function claimQuote(claim: Pick<QueueClaim, 'currentQuote' | 'anchor'>): string {
  return claim.currentQuote || claim.anchor.quote.exact;
}

/** The quote as a card shows it; an orphaned claim says its text is gone. */
export function ClaimQuote({
  claim,
}: {
  claim: Pick<QueueClaim, 'currentQuote' | 'anchor' | 'orphaned'>;
}) {
  const t = useT();
  return (
    <span className="claim-quote" dir="auto">
      <q>{claimQuote(claim)}</q>
      {claim.orphaned && <span className="claim-orphaned"> {t('claim.textRemoved')}</span>}
    </span>
  );
}
