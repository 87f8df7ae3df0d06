// /queue — "My queue": the claims assigned to you and not approved yet, across every document
// and workspace, soonest due first, with Overdue and Due-soon views (?due=overdue|soon). Each
// opens the document with the claim selected; ↑/↓ (or k/j) move between claims, Enter opens.
import type { QueueClaim, VerdictScale } from '@factdesk/model';
import { useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { FilterChips } from '../../components/FilterChips.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { moveBetweenLinks } from '../../components/listKeys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useMe } from '../../state/SessionProvider.tsx';
import { useResource } from '../../state/useResource.ts';
import {
  ClaimQuote,
  DUE_VIEWS,
  DueDate,
  type DueView,
  dueViewOf,
  isOverdue,
  StatusBadge,
  VerdictBadge,
} from './ClaimBadges.tsx';
import './queue.css';
import { useT } from '../../i18n/useT.ts';
import { blindProgress } from '../document/panel/blindProgress.ts';

interface Queue {
  claims: QueueClaim[];
  scales: Map<string, VerdictScale>;
}

/** Soonest due first; claims without a due date after, oldest first. */
function byDueDate(a: QueueClaim, b: QueueClaim): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  }
  return Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

async function loadQueue(): Promise<Queue> {
  const claims = await api.myQueue();
  const workspaceIds = [...new Set(claims.map((claim) => claim.workspaceId))];
  // Verdict names and colours only: a scale that fails to load leaves the key as the name.
  const scales = await Promise.all(
    workspaceIds.map((id) =>
      api.verdictScale(id).then(
        (answer) => answer.scale,
        () => undefined,
      ),
    ),
  );
  const byWorkspace = new Map<string, VerdictScale>();
  workspaceIds.forEach((id, index) => {
    const scale = scales[index];
    if (scale) byWorkspace.set(id, scale);
  });
  return { claims: [...claims].sort(byDueDate), scales: byWorkspace };
}

/** ↑/↓ or k/j from one card's link to the next: triage without a mouse or thirty Tabs. */
const moveBetweenCards = moveBetweenLinks('.queue-card-link');

export function QueuePage() {
  const t = useT();
  const intl = useIntl();
  usePageTitle(t('nav.queue'));
  const me = useMe();
  const queue = useResource('my-queue', loadQueue);
  const [params, setParams] = useSearchParams();
  const view = dueViewOf(params.get('due'));
  const workspaceNames = new Map(me.workspaces.map((w) => [w.id, w.name]));
  const manyWorkspaces = me.workspaces.length > 1;
  const all = queue.data?.claims;
  const overdue = all?.filter((claim) => isOverdue(claim)).length ?? 0;
  const matches = DUE_VIEWS.find((option) => option.value === view)?.matches ?? (() => true);
  const claims = all?.filter(matches);
  const show = (next: DueView) => setParams(next === 'all' ? {} : { due: next }, { replace: true });

  return (
    <div className="page queue-page">
      <PageHeader title={t('nav.queue')} eyebrow={t('queue.eyebrow')}>
        <p>{t('queue.intro')}</p>
      </PageHeader>
      <ErrorAlert error={queue.error} />
      {queue.loading && <Loading label={t('queue.loading')} />}

      {all && all.length > 0 && (
        <FilterChips
          legend={t('documents.show')}
          className="queue-views"
          chips={DUE_VIEWS.map((option) => ({
            value: option.value,
            label: t(option.label),
            count: all.filter(option.matches).length,
          }))}
          pressed={view}
          onPick={show}
        />
      )}

      {all && all.length > 0 && claims?.length === 0 && (
        <p className="muted queue-view-empty">
          {view === 'overdue' ? t('queue.nothingOverdue') : t('queue.nothingSoon')}{' '}
          <button type="button" className="button-link" onClick={() => show('all')}>
            {t('queue.showAll', { count: all.length })}
          </button>
        </p>
      )}

      {all && all.length === 0 && (
        <section className="panel welcome">
          <div className="welcome-icon" aria-hidden="true">
            <Icon name="inbox" size={28} />
          </div>
          <h2>{t('queue.empty')}</h2>
          <p>{t('queue.emptyHint')}</p>
        </section>
      )}

      {claims && claims.length > 0 && (
        <>
          <p className="queue-summary" role="status">
            {t('board.count', { count: claims.length })}
            {view === 'all' && overdue > 0 && (
              <span className="queue-overdue">{t('board.overdueCount', { count: overdue })}</span>
            )}
            <span className="muted queue-keys"> · {t('queue.keys')}</span>
          </p>
          {/* The keys move focus between the links inside; the list itself takes no focus. */}
          <ol className="queue-list" onKeyDown={moveBetweenCards}>
            {claims.map((claim) => (
              <li key={claim.id} className={`queue-card${isOverdue(claim) ? ' is-overdue' : ''}`}>
                <div className="queue-card-top">
                  <StatusBadge status={claim.status} />
                  {claim.blindReview.blind && (
                    <span className="badge badge-blind">{blindProgress(intl, claim)}</span>
                  )}
                  <VerdictBadge
                    scale={queue.data?.scales.get(claim.workspaceId)}
                    verdict={claim.verdict}
                  />
                  <DueDate claim={claim} />
                </div>
                <Link
                  className="queue-card-link"
                  to={`/w/${claim.workspaceId}/d/${claim.documentId}?claim=${claim.id}`}
                >
                  <ClaimQuote claim={claim} />
                </Link>
                {claim.statement && (
                  <p className="queue-statement" dir="auto">
                    {claim.statement}
                  </p>
                )}
                <p className="queue-document">
                  <Icon name="document" size={15} />
                  <span>
                    <span className="visually-hidden">{t('queue.inDocument')} </span>
                    <bdi>{claim.documentTitle}</bdi>
                    {manyWorkspaces && workspaceNames.has(claim.workspaceId) && (
                      <span className="muted"> · {workspaceNames.get(claim.workspaceId)}</span>
                    )}
                  </span>
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
