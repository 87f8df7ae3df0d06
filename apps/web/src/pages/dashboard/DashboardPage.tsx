// /w/:workspaceId/dashboard — time to verdict for moderators: how long claims take from
// creation to approval and from assignment to a proposed verdict, median and 90th
// percentile, for the workspace, each reviewer and each document, over a period kept in the
// address (?from=&to=, the last 30 days by default). Below it, the agreement of blind review
// over the same period (AgreementSection.tsx).
import type { Dashboard, DashboardRow, Durations } from '@factdesk/model';
import { useId } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { FilterChips } from '../../components/FilterChips.tsx';
import { formatDate } from '../../components/formatDate.ts';
import { formatDuration } from '../../components/formatDuration.ts';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useResource } from '../../state/useResource.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';
import { AgreementSection } from './AgreementSection.tsx';
import './dashboard.css';
import type { IntlShape } from 'react-intl';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/useT.ts';

const PRESETS = [7, 30, 90] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

const dayBefore = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/** "2 h 10 min", or a dash when nothing was measured. */
function figure(intl: IntlShape, seconds: number | null): string {
  return seconds === null ? '—' : formatDuration(intl, seconds);
}

function Summary({
  title,
  durations,
  what,
}: {
  title: string;
  durations: Durations;
  /** What was counted: "{count} claims approved", and its empty case. */
  what: { count: MessageId; none: MessageId };
}) {
  const intl = useIntl();
  const t = useT();
  return (
    <section className="panel dashboard-figure">
      <h2>{title}</h2>
      {durations.count === 0 ? (
        <p className="muted">{t(what.none)}</p>
      ) : (
        <>
          <p className="dashboard-median">
            <FormattedMessage
              id="dashboard.median"
              values={{
                figure: figure(intl, durations.medianSeconds),
                number: (chunks) => <span className="dashboard-number">{chunks}</span>,
              }}
            />
          </p>
          <p className="muted">
            {t('dashboard.p90', { figure: figure(intl, durations.p90Seconds) })} ·{' '}
            {t(what.count, { count: durations.count })}
          </p>
        </>
      )}
    </section>
  );
}

function DurationHeadings() {
  const t = useT();
  return (
    <>
      <th scope="col" className="numeric">
        {t('export.claims')}
      </th>
      <th scope="col" className="numeric">
        {t('dashboard.medianHeading')}
      </th>
      <th scope="col" className="numeric">
        {t('dashboard.p90Heading')}
      </th>
    </>
  );
}

function DurationCells({ durations }: { durations: Durations }) {
  const intl = useIntl();
  return (
    <>
      <td className="numeric">{intl.formatNumber(durations.count)}</td>
      <td className="numeric">{figure(intl, durations.medianSeconds)}</td>
      <td className="numeric">{figure(intl, durations.p90Seconds)}</td>
    </>
  );
}

function FigureTable({
  caption,
  who,
  rows,
}: {
  caption: string;
  who: string;
  rows: DashboardRow[];
}) {
  const t = useT();
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table dashboard-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {who}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t('dashboard.createdToApproved')}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t('dashboard.assignedToProposed')}
            </th>
          </tr>
          <tr>
            <DurationHeadings />
            <DurationHeadings />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.name}</th>
              <DurationCells durations={row.createdToApproved} />
              <DurationCells durations={row.assignedToProposed} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DashboardPage() {
  const { workspace } = useWorkspace();
  const intl = useIntl();
  const t = useT();
  usePageTitle(t('nav.timeToVerdict'), workspace.name);
  const [params, setParams] = useSearchParams();
  const ids = useId();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const dashboard = useResource<Dashboard>(`dashboard:${workspace.id}:${from}:${to}`, () =>
    api.dashboard(workspace.id, { from: from || undefined, to: to || undefined }),
  );
  const setPeriod = (next: { from?: string; to?: string }) =>
    setParams(
      Object.fromEntries(
        Object.entries(next).filter((entry): entry is [string, string] => !!entry[1]),
      ),
      { replace: true },
    );
  const data = dashboard.data;
  const preset = (days: number) => from === dayBefore(days - 1) && !to;

  return (
    <div className="page dashboard-page">
      <PageHeader title={t('nav.timeToVerdict')} eyebrow={t('dashboard.eyebrow')}>
        <p>{t('dashboard.intro')}</p>
      </PageHeader>

      <form
        className="dashboard-period"
        aria-label={t('dashboard.period')}
        onSubmit={(event) => event.preventDefault()}
      >
        <FilterChips
          legend={t('dashboard.period')}
          className="dashboard-presets"
          chips={PRESETS.map((days) => ({
            value: String(days),
            label: t('dashboard.lastDays', { days }),
          }))}
          pressed={PRESETS.find(
            (days) => preset(days) || (days === 30 && !from && !to),
          )?.toString()}
          onPick={(days) => setPeriod({ from: dayBefore(Number(days) - 1) })}
        />
        <label htmlFor={`${ids}-from`}>{t('search.from')}</label>
        <input
          id={`${ids}-from`}
          type="date"
          value={from || data?.from || ''}
          onChange={(event) => setPeriod({ from: event.target.value, to })}
        />
        <label htmlFor={`${ids}-to`}>{t('search.to')}</label>
        <input
          id={`${ids}-to`}
          type="date"
          value={to || data?.to || ''}
          onChange={(event) => setPeriod({ from, to: event.target.value })}
        />
      </form>

      <ErrorAlert error={dashboard.error} />
      {dashboard.loading && <Loading label={t('dashboard.loading')} />}
      {data && (
        <>
          <p className="dashboard-range" role="status">
            {t('dashboard.range', {
              from: formatDate(intl, `${data.from}T12:00:00Z`),
              to: formatDate(intl, `${data.to}T12:00:00Z`),
            })}
          </p>
          <div className="dashboard-figures">
            <Summary
              title={t('dashboard.createdToApproved')}
              durations={data.workspace.createdToApproved}
              what={{ count: 'dashboard.claimsApproved', none: 'dashboard.noClaimsApproved' }}
            />
            <Summary
              title={t('dashboard.assignedToProposed')}
              durations={data.workspace.assignedToProposed}
              what={{ count: 'dashboard.verdictsProposed', none: 'dashboard.noVerdictsProposed' }}
            />
          </div>
          <FigureTable
            caption={t('dashboard.byReviewer')}
            who={t('role.reviewer')}
            rows={data.reviewers}
          />
          <FigureTable
            caption={t('dashboard.byDocument')}
            who={t('documents.column.document')}
            rows={data.documents}
          />
        </>
      )}
      <AgreementSection workspaceId={workspace.id} from={from} to={to} />
    </div>
  );
}
