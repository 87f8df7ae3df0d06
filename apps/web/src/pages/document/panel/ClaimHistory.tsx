// Who did what to the claim and when, newest first, as sentences. Reloaded when the claim's
// version or comment count moves (comments are appends and leave the version alone).
import type { Claim, ClaimEvent, Member, VerdictScale } from '@factdesk/model';
import { useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { ApiError } from '../../../api/ApiError.ts';
import { api } from '../../../api/api.ts';
import { ErrorAlert } from '../../../components/Alert.tsx';
import { formatDateTime } from '../../../components/formatDate.ts';
import { useT } from '../../../i18n/useT.ts';
import { describeClaimEvent } from './describeClaimEvent.ts';

interface ClaimHistoryProps {
  claim: Claim;
  scale: VerdictScale;
  members: Member[];
}

export function ClaimHistory({ claim, scale, members }: ClaimHistoryProps) {
  const headingId = useId();
  const intl = useIntl();
  const t = useT();
  // The previous answer stays on screen while the next one loads: no flicker on each change.
  const [events, setEvents] = useState<ClaimEvent[]>();
  const [error, setError] = useState<ApiError>();
  const { id, version, commentCount } = claim;

  // biome-ignore lint/correctness/useExhaustiveDependencies: version and commentCount are the reload signals
  useEffect(() => {
    let current = true;
    api.claimHistory(id).then(
      (answer) => {
        if (!current) return;
        setEvents(answer);
        setError(undefined);
      },
      (caught: unknown) => current && setError(ApiError.from(caught)),
    );
    return () => {
      current = false;
    };
  }, [id, version, commentCount]);

  const nameOf = (userId: string) =>
    members.find((member) => member.userId === userId)?.displayName ??
    claim.assignees.find((assignee) => assignee.id === userId)?.name;

  return (
    <section className="claim-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('history.title')}</h3>
      <ErrorAlert error={error} />
      {events === undefined && !error && <p className="muted">{t('history.loading')}</p>}
      {events && (
        <ol className="history-list">
          {[...events].reverse().map((event) => (
            <li key={event.id}>
              <p dir="auto">{describeClaimEvent(intl, event, scale, nameOf)}</p>
              <time className="history-time" dateTime={event.createdAt}>
                {formatDateTime(intl, event.createdAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
