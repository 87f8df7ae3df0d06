// The dashboard's Agreement section (docs/agreement.md): how far reviewers working blind
// agree, as Krippendorff's alpha for the workspace and each month and Cohen's kappa for each
// pair of reviewers, every figure with its 95% interval and the claims it rests on.
import { type Agreement, type AgreementEstimate, agreementEstimateText } from '@factdesk/model';
import { type IntlShape, useIntl } from 'react-intl';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { formatDate } from '../../components/formatDate.ts';
import { Loading } from '../../components/Loading.tsx';
import { useResource } from '../../state/useResource.ts';

function Figure({ symbol, estimate }: { symbol: string; estimate: AgreementEstimate }) {
  if (estimate.value === null) {
    return (
      <span className="agreement-undefined">
        Not available{' '}
        <span className="muted">
          ({estimate.units} {estimate.units === 1 ? 'claim' : 'claims'})
        </span>
      </span>
    );
  }
  return <span>{agreementEstimateText(symbol, estimate)}</span>;
}

const day = (intl: IntlShape, value: string) => formatDate(intl, `${value}T12:00:00Z`);

export function AgreementSection({
  workspaceId,
  from,
  to,
}: {
  workspaceId: string;
  from: string;
  to: string;
}) {
  const intl = useIntl();
  const agreement = useResource<Agreement>(`agreement:${workspaceId}:${from}:${to}`, () =>
    api.dashboardAgreement(workspaceId, { from: from || undefined, to: to || undefined }),
  );
  const data = agreement.data;
  return (
    <section className="dashboard-agreement" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">Agreement</h2>
      <p>
        How far reviewers who judged the same claim blind gave the same verdict, beyond what chance
        alone would give. Only claims whose independent verdicts are all in count.
      </p>
      <ErrorAlert error={agreement.error} />
      {agreement.loading && <Loading label="Working out agreement…" />}
      {data && (
        <>
          <div className="dashboard-figures">
            <section className="panel dashboard-figure">
              <h3>Same verdict</h3>
              <p className="dashboard-agreement-figure">
                <Figure symbol="α" estimate={data.alpha.nominal} />
              </p>
              <p className="muted">Krippendorff's alpha over verdicts (nominal)</p>
              {data.alpha.nominal.value === null && (
                <p className="muted">{data.alpha.nominal.undefinedReason}</p>
              )}
            </section>
            <section className="panel dashboard-figure">
              <h3>Close on the rating scale</h3>
              <p className="dashboard-agreement-figure">
                <Figure symbol="α" estimate={data.alpha.ordinal} />
              </p>
              <p className="muted">
                Krippendorff's alpha over ratings (ordinal); verdicts off the scale, such as
                “Unverifiable”, left out
              </p>
              {data.alpha.ordinal.value === null && (
                <p className="muted">{data.alpha.ordinal.undefinedReason}</p>
              )}
            </section>
          </div>
          {data.pairs.length > 0 && (
            <div className="table-wrap">
              <table className="table dashboard-table">
                <caption>By pair of reviewers</caption>
                <thead>
                  <tr>
                    <th scope="col">Reviewers</th>
                    <th scope="col">Cohen's kappa</th>
                    <th scope="col">Alpha, verdicts</th>
                    <th scope="col">Alpha, ratings</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pairs.map((pair) => (
                    <tr key={pair.reviewers.map((r) => r.id).join()}>
                      <th scope="row">{pair.reviewers.map((r) => r.name).join(' & ')}</th>
                      <td>
                        <Figure symbol="κ" estimate={pair.kappa} />
                      </td>
                      <td>
                        <Figure symbol="α" estimate={pair.alpha.nominal} />
                      </td>
                      <td>
                        <Figure symbol="α" estimate={pair.alpha.ordinal} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.periods.length > 1 && (
            <div className="table-wrap">
              <table className="table dashboard-table">
                <caption>By month</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col">Alpha, verdicts</th>
                    <th scope="col">Alpha, ratings</th>
                  </tr>
                </thead>
                <tbody>
                  {data.periods.map((period) => (
                    <tr key={period.from}>
                      <th scope="row">
                        {day(intl, period.from)} – {day(intl, period.to)}
                      </th>
                      <td>
                        <Figure symbol="α" estimate={period.alpha.nominal} />
                      </td>
                      <td>
                        <Figure symbol="α" estimate={period.alpha.ordinal} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <details className="agreement-guide">
            <summary>How to read these figures</summary>
            <ul>
              <li>
                <strong>1</strong> means reviewers always agreed; <strong>0</strong> means no more
                agreement than chance; below 0, they disagreed more often than chance would.
              </li>
              <li>
                Krippendorff suggests relying on data with alpha of 0.80 or more, and drawing only
                tentative conclusions between 0.67 and 0.80. Below that, revisit the verdict
                guidelines together.
              </li>
              <li>
                The range in brackets is a 95% interval: the true figure very likely lies in it.
                With few claims it is wide; read a narrow range, not a single number.
              </li>
              <li>
                Kappa compares two reviewers over the claims both judged. Alpha compares any number
                of reviewers and allows missing verdicts. “Ratings” counts how far apart two
                verdicts are on the scale: “Mostly true” against “True” is a smaller miss than
                “False” against “True”.
              </li>
              <li className="muted">
                {data.method.kappaInterval}. Alpha: {data.method.alphaInterval}.
              </li>
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
