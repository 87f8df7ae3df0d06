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

const PRESETS = [7, 30, 90] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

const dayBefore = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/** "2 h 10 min", or a dash when nothing was measured. */
function figure(seconds: number | null): string {
  return seconds === null ? '—' : formatDuration(seconds);
}

function Summary({
  title,
  durations,
  what,
}: {
  title: string;
  durations: Durations;
  /** What was counted, for one and for more. */
  what: { one: string; many: string };
}) {
  return (
    <section className="panel dashboard-figure">
      <h2>{title}</h2>
      {durations.count === 0 ? (
        <p className="muted">No {what.many} in this period.</p>
      ) : (
        <>
          <p className="dashboard-median">
            <span className="dashboard-number">{figure(durations.medianSeconds)}</span> median
          </p>
          <p className="muted">
            9 in 10 within {figure(durations.p90Seconds)} · {durations.count}{' '}
            {durations.count === 1 ? what.one : what.many}
          </p>
        </>
      )}
    </section>
  );
}

function DurationHeadings() {
  return (
    <>
      <th scope="col" className="numeric">
        Claims
      </th>
      <th scope="col" className="numeric">
        Median
      </th>
      <th scope="col" className="numeric">
        90th pct.
      </th>
    </>
  );
}

function DurationCells({ durations }: { durations: Durations }) {
  return (
    <>
      <td className="numeric">{durations.count}</td>
      <td className="numeric">{figure(durations.medianSeconds)}</td>
      <td className="numeric">{figure(durations.p90Seconds)}</td>
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
              Created → approved
            </th>
            <th scope="colgroup" colSpan={3}>
              Assigned → proposed
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
  usePageTitle('Time to verdict', workspace.name);
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
      <PageHeader title="Time to verdict" eyebrow="Dashboard">
        <p>
          How long claims take: from creation to an approved verdict, and from assignment to a
          proposed one. The median, and the time within which 9 claims in 10 got there.
        </p>
      </PageHeader>

      <form
        className="dashboard-period"
        aria-label="Period"
        onSubmit={(event) => event.preventDefault()}
      >
        <FilterChips
          legend="Period"
          className="dashboard-presets"
          chips={PRESETS.map((days) => ({ value: String(days), label: `Last ${days} days` }))}
          pressed={PRESETS.find(
            (days) => preset(days) || (days === 30 && !from && !to),
          )?.toString()}
          onPick={(days) => setPeriod({ from: dayBefore(Number(days) - 1) })}
        />
        <label htmlFor={`${ids}-from`}>From</label>
        <input
          id={`${ids}-from`}
          type="date"
          value={from || data?.from || ''}
          onChange={(event) => setPeriod({ from: event.target.value, to })}
        />
        <label htmlFor={`${ids}-to`}>To</label>
        <input
          id={`${ids}-to`}
          type="date"
          value={to || data?.to || ''}
          onChange={(event) => setPeriod({ from, to: event.target.value })}
        />
      </form>

      <ErrorAlert error={dashboard.error} />
      {dashboard.loading && <Loading label="Working out the figures…" />}
      {data && (
        <>
          <p className="dashboard-range" role="status">
            {formatDate(`${data.from}T12:00:00Z`)} – {formatDate(`${data.to}T12:00:00Z`)}
          </p>
          <div className="dashboard-figures">
            <Summary
              title="Created → approved"
              durations={data.workspace.createdToApproved}
              what={{ one: 'claim approved', many: 'claims approved' }}
            />
            <Summary
              title="Assigned → proposed"
              durations={data.workspace.assignedToProposed}
              what={{ one: 'verdict proposed', many: 'verdicts proposed' }}
            />
          </div>
          <FigureTable caption="By reviewer" who="Reviewer" rows={data.reviewers} />
          <FigureTable caption="By document" who="Document" rows={data.documents} />
        </>
      )}
      <AgreementSection workspaceId={workspace.id} from={from} to={to} />
    </div>
  );
}
