// The dashboard's Agreement section (docs/agreement.md): how far reviewers working blind
// agree, as Krippendorff's alpha for the workspace and each month and Cohen's kappa for each
// pair of reviewers, every figure with its 95% interval and the claims it rests on. The server
// sends numbers and codes (why a figure is missing, how intervals were computed); the words
// are the catalogs' (`agreement.*`).
import type { Agreement, AgreementEstimate } from '@factdesk/model';
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { formatDate } from '../../components/formatDate.ts';
import { Loading } from '../../components/Loading.tsx';
import { useT } from '../../i18n/useT.ts';
import { useResource } from '../../state/useResource.ts';

/** 0.62, −0.10 (0,62 in French): two decimals and a true minus sign. */
function coefficient(intl: IntlShape, value: number): string {
  return intl
    .formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .replace('-', '−');
}

function Figure({ symbol, estimate }: { symbol: string; estimate: AgreementEstimate }) {
  const intl = useIntl();
  if (estimate.value === null || estimate.low === null || estimate.high === null) {
    return (
      <span
        className="agreement-undefined"
        title={
          estimate.undefinedCode
            ? intl.formatMessage({ id: `agreement.undefined.${estimate.undefinedCode}` })
            : undefined
        }
      >
        <FormattedMessage
          id="agreement.notAvailable"
          values={{
            count: estimate.units,
            muted: (chunks) => <span className="muted">{chunks}</span>,
          }}
        />
      </span>
    );
  }
  return (
    <span>
      {intl.formatMessage(
        { id: 'agreement.figure' },
        {
          symbol,
          value: coefficient(intl, estimate.value),
          low: coefficient(intl, estimate.low),
          high: coefficient(intl, estimate.high),
          count: estimate.units,
        },
      )}
    </span>
  );
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
  const t = useT();
  const agreement = useResource<Agreement>(`agreement:${workspaceId}:${from}:${to}`, () =>
    api.dashboardAgreement(workspaceId, { from: from || undefined, to: to || undefined }),
  );
  const data = agreement.data;
  return (
    <section className="dashboard-agreement" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">{t('agreement.title')}</h2>
      <p>{t('agreement.intro')}</p>
      <ErrorAlert error={agreement.error} />
      {agreement.loading && <Loading label={t('agreement.loading')} />}
      {data && (
        <>
          <div className="dashboard-figures">
            <section className="panel dashboard-figure">
              <h3>{t('agreement.sameVerdict')}</h3>
              <p className="dashboard-agreement-figure">
                <Figure symbol="α" estimate={data.alpha.nominal} />
              </p>
              <p className="muted">{t('agreement.sameVerdict.hint')}</p>
              {data.alpha.nominal.undefinedCode && (
                <p className="muted">
                  {t(`agreement.undefined.${data.alpha.nominal.undefinedCode}`)}
                </p>
              )}
            </section>
            <section className="panel dashboard-figure">
              <h3>{t('agreement.closeRating')}</h3>
              <p className="dashboard-agreement-figure">
                <Figure symbol="α" estimate={data.alpha.ordinal} />
              </p>
              <p className="muted">{t('agreement.closeRating.hint')}</p>
              {data.alpha.ordinal.undefinedCode && (
                <p className="muted">
                  {t(`agreement.undefined.${data.alpha.ordinal.undefinedCode}`)}
                </p>
              )}
            </section>
          </div>
          {data.pairs.length > 0 && (
            <div className="table-wrap">
              <table className="table dashboard-table">
                <caption>{t('agreement.byPair')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreement.reviewers')}</th>
                    <th scope="col">{t('agreement.kappa')}</th>
                    <th scope="col">{t('agreement.alphaVerdicts')}</th>
                    <th scope="col">{t('agreement.alphaRatings')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pairs.map((pair) => (
                    <tr key={pair.reviewers.map((r) => r.id).join()}>
                      <th scope="row">
                        {t('agreement.pair', {
                          first: pair.reviewers[0]?.name ?? '',
                          second: pair.reviewers[1]?.name ?? '',
                        })}
                      </th>
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
                <caption>{t('agreement.byMonth')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreement.month')}</th>
                    <th scope="col">{t('agreement.alphaVerdicts')}</th>
                    <th scope="col">{t('agreement.alphaRatings')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.periods.map((period) => (
                    <tr key={period.from}>
                      <th scope="row">
                        {t('agreement.period', {
                          from: day(intl, period.from),
                          to: day(intl, period.to),
                        })}
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
            <summary>{t('agreement.guide')}</summary>
            <ul>
              <li>
                <FormattedMessage
                  id="agreement.guide.scale"
                  values={{ strong: (chunks) => <strong>{chunks}</strong> }}
                />
              </li>
              <li>{t('agreement.guide.thresholds')}</li>
              <li>{t('agreement.guide.interval')}</li>
              <li>{t('agreement.guide.kappaAlpha')}</li>
              <li className="muted">
                {t('agreement.guide.method', {
                  level: data.method.level,
                  resamples: data.method.resamples,
                  // The interval's ends as percentiles of the resamples: 2.5 and 97.5.
                  low: ((1 - data.method.level) / 2) * 100,
                  high: (1 - (1 - data.method.level) / 2) * 100,
                })}
              </li>
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
