// A document's claims at a glance: one thin bar by workflow status, one by verdict tone, and
// the same numbers as a sentence for screen readers ("12 claims: 3 approved, 2 open…").
import type { ClaimCounts, ClaimStatus, VerdictScale } from '@factdesk/model';
import { CLAIM_STATUSES } from '@factdesk/model';
import { verdictName, verdictTone } from '../../components/claimWords.ts';
import '../queue/claimBadges.css';
import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';

/** Furthest along first, so the bar fills from the left as the work gets done. */
const STATUS_ORDER: ClaimStatus[] = [...CLAIM_STATUSES].reverse();

interface Segment {
  key: string;
  count: number;
  className: string;
}

/** Drawn in SVG so widths are attributes, not inline styles the CSP would refuse. */
function Bar({ segments, total }: { segments: Segment[]; total: number }) {
  let x = 0;
  return (
    <svg className="progress-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
      <rect className="progress-track" x="0" y="0" width="100" height="6" />
      {segments.map((segment) => {
        const width = (segment.count / total) * 100;
        const rect = (
          <rect
            key={segment.key}
            className={segment.className}
            x={x}
            y="0"
            width={width}
            height="6"
          />
        );
        x += width;
        return rect;
      })}
    </svg>
  );
}

export function claimSummary(
  intl: IntlShape,
  counts: ClaimCounts,
  scale: VerdictScale | undefined,
): string {
  const say = intl.formatMessage;
  if (counts.total === 0) return say({ id: 'claims.noneYetSentence' });
  const statuses = STATUS_ORDER.filter((status) => (counts.byStatus[status] ?? 0) > 0).map(
    (status) =>
      say({ id: `claims.summary.status.${status}` }, { count: counts.byStatus[status] ?? 0 }),
  );
  const verdicts = Object.entries(counts.byVerdict)
    .filter(([, count]) => count > 0)
    .map(([key, count]) =>
      say(
        { id: 'claims.summary.verdict' },
        { count, verdict: scale ? verdictName(intl, scale, key) : key },
      ),
    );
  const withVerdict = Object.values(counts.byVerdict).reduce((sum, count) => sum + count, 0);
  return say(
    { id: 'claims.summary' },
    {
      count: counts.total,
      statuses: statuses.join(', '),
      verdicts: verdicts.join(', '),
      hasVerdicts: verdicts.length > 0,
      without: counts.total - withVerdict,
    },
  );
}

export function ClaimProgress({
  counts,
  scale,
}: {
  counts: ClaimCounts;
  scale: VerdictScale | undefined;
}) {
  const intl = useIntl();
  if (counts.total === 0) {
    return <span className="muted">{intl.formatMessage({ id: 'claims.noneYet' })}</span>;
  }
  const sentence = claimSummary(intl, counts, scale);
  const statusSegments = STATUS_ORDER.map((status) => ({
    key: status,
    count: counts.byStatus[status] ?? 0,
    className: `progress-status-${status}`,
  }));
  const labels = scale?.labels ?? [];
  const verdictSegments = Object.entries(counts.byVerdict)
    .sort(
      ([a], [b]) =>
        labels.findIndex((label) => label.key === a) - labels.findIndex((label) => label.key === b),
    )
    .map(([key, count]) => ({
      key,
      count,
      className: `progress-${scale ? verdictTone(scale, key) : 'tone-none'}`,
    }));
  const approved = counts.byStatus.approved ?? 0;

  return (
    <div className="claim-progress" title={sentence}>
      <span className="claim-progress-caption" aria-hidden="true">
        {intl.formatMessage({ id: 'claims.approvedOf' }, { approved, count: counts.total })}
      </span>
      <Bar segments={statusSegments} total={counts.total} />
      <Bar segments={verdictSegments} total={counts.total} />
      <span className="visually-hidden">{sentence}</span>
    </div>
  );
}
