// The document's claims in text order (orphans last, as the page sorts them) with filters and
// their counts. Each item is one button: click or Enter opens the claim.
import { CLAIM_STATUSES, type Claim, type ClaimStatus } from '@factdesk/model';
import { useEffect, useId, useRef } from 'react';
import { useIntl } from 'react-intl';
import { statusLabel } from '../../../components/claimWords.ts';
import { FilterChips } from '../../../components/FilterChips.tsx';
import type { MessageId } from '../../../i18n/catalogs.ts';
import { useT } from '../../../i18n/useT.ts';
import type { ClaimPanelProps } from './ClaimPanelProps.ts';
import {
  applyClaimFilter,
  type ClaimFilter,
  isFiltered,
  matchesQuick,
  matchesVerdict,
  NO_FILTER,
  NO_VERDICT,
  type QuickFilter,
} from './claimFilter.ts';
import { DueDate } from './DueDate.tsx';
import { VerdictChip } from './VerdictChip.tsx';

const QUICK_FILTERS: { value: QuickFilter; label: MessageId }[] = [
  { value: 'all', label: 'claims.filter.all' },
  { value: 'mine', label: 'claims.filter.mine' },
  { value: 'unassigned', label: 'claims.filter.unassigned' },
  { value: 'orphaned', label: 'claims.filter.orphaned' },
];

const QUOTE_LIMIT = 140;

function truncate(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1).trimEnd()}…` : text;
}

interface ClaimListProps extends ClaimPanelProps {
  filter: ClaimFilter;
  onFilterChange(filter: ClaimFilter): void;
  /** The claim to put the keyboard focus on (the one just closed), if any. */
  focusClaimId: string | null;
}

export function ClaimList(props: ClaimListProps) {
  const { claims, filter, onFilterChange, myUserId, scale } = props;
  const headingId = useId();
  const intl = useIntl();
  const t = useT();
  const shown = applyClaimFilter(claims, filter, myUserId);
  const listRef = useRef<HTMLUListElement>(null);
  const { focusClaimId } = props;

  useEffect(() => {
    if (!focusClaimId) return;
    listRef.current
      ?.querySelector<HTMLButtonElement>(`[data-claim-item="${CSS.escape(focusClaimId)}"]`)
      ?.focus();
  }, [focusClaimId]);

  const count = (test: (claim: Claim) => boolean) => claims.filter(test).length;

  return (
    <div className="claim-list">
      <div className="claim-panel-header">
        <h2 id={headingId}>{t('export.claims')}</h2>
        <span className="count">
          {isFiltered(filter)
            ? t('claims.shownOf', { shown: shown.length, total: claims.length })
            : intl.formatNumber(claims.length)}
        </span>
      </div>

      <div className="claim-filters">
        <FilterChips
          legend={t('documents.show')}
          chips={QUICK_FILTERS.map((option) => ({
            value: option.value,
            label: t(option.label),
            count: count((claim) => matchesQuick(claim, option.value, myUserId)),
          }))}
          pressed={filter.quick}
          onPick={(quick) => onFilterChange({ ...filter, quick })}
        />
        <div className="claim-select-filters">
          <label className="claim-select-filter">
            <span className="visually-hidden">{t('invites.status')}</span>
            <select
              className="select-compact"
              value={filter.status}
              onChange={(event) =>
                onFilterChange({ ...filter, status: event.target.value as ClaimStatus | '' })
              }
            >
              <option value="">{t('claims.anyStatus', { count: claims.length })}</option>
              {CLAIM_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t('claims.optionCount', {
                    label: statusLabel(intl, status),
                    count: count((claim) => claim.status === status),
                  })}
                </option>
              ))}
            </select>
          </label>
          <label className="claim-select-filter">
            <span className="visually-hidden">{t('claims.verdict')}</span>
            <select
              className="select-compact"
              value={filter.verdict}
              onChange={(event) => onFilterChange({ ...filter, verdict: event.target.value })}
            >
              <option value="">{t('claims.anyVerdict', { count: claims.length })}</option>
              <option value={NO_VERDICT}>
                {t('claims.optionCount', {
                  label: t('verdict.none'),
                  count: count((claim) => matchesVerdict(claim, NO_VERDICT)),
                })}
              </option>
              {scale.labels.map((label) => (
                <option key={label.key} value={label.key}>
                  {t('claims.optionCount', {
                    label: label.label,
                    count: count((claim) => matchesVerdict(claim, label.key)),
                  })}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>

      {claims.length === 0 ? (
        <p className="claim-empty">{t('claims.emptyHint')}</p>
      ) : shown.length === 0 ? (
        <div className="claim-empty">
          <p>{t('claims.noMatch')}</p>
          <button type="button" className="button-link" onClick={() => onFilterChange(NO_FILTER)}>
            {t('claims.showAll')}
          </button>
        </div>
      ) : (
        <ul className="claim-items" aria-labelledby={headingId} ref={listRef}>
          {shown.map((claim) => (
            <li key={claim.id}>
              <button
                type="button"
                className="claim-item"
                data-claim-item={claim.id}
                aria-current={claim.id === props.selectedClaimId || undefined}
                onClick={() => props.onSelect(claim.id)}
              >
                <span className="claim-item-quote" dir="auto">
                  {truncate(claim.orphaned ? claim.anchor.quote.exact : claim.currentQuote)}
                </span>
                <span className="claim-item-meta">
                  <VerdictChip
                    scale={scale}
                    verdict={claim.verdict}
                    frozenLabel={claim.approvedVerdict?.label}
                  />
                  <span className={`claim-status claim-status-${claim.status}`}>
                    {statusLabel(intl, claim.status)}
                  </span>
                  {claim.orphaned && <span className="orphan-flag">{t('claim.orphaned')}</span>}
                </span>
                <span className="claim-item-people">
                  <span>
                    {claim.assignees.length > 0
                      ? claim.assignees.map((assignee) => assignee.name).join(', ')
                      : t('claim.unassigned')}
                  </span>
                  <DueDate claim={claim} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
