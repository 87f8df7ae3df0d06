// /w/:workspaceId/search?q= — what the workspace has on a subject: claims, rationales,
// evidence, comments and documents' text, grouped by document, the matching words marked.
// Filters live in the address, so a search can be reloaded and shared. Arrow keys move
// between hits; each opens its document (with the claim selected for a claim's hits).
import type {
  Member,
  SearchHit,
  SearchHitKind,
  SearchResults,
  VerdictScale,
} from '@factdesk/model';
import { CLAIM_STATUSES } from '@factdesk/model';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type SearchParams } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { statusLabel } from '../../components/claimWords.ts';
import { formatDate } from '../../components/formatDate.ts';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { moveBetweenLinks } from '../../components/listKeys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useResource } from '../../state/useResource.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';
import { StatusBadge, VerdictBadge } from '../queue/ClaimBadges.tsx';
import './search.css';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/useT.ts';

const KIND_LABELS: Record<SearchHitKind, MessageId> = {
  claim: 'search.kind.claim',
  rationale: 'search.kind.rationale',
  evidence: 'search.kind.evidence',
  comment: 'search.kind.comment',
  text: 'search.kind.text',
};

const FILTERS = ['verdict', 'status', 'reviewer', 'from', 'to'] as const;

/** Up and down arrows (or j and k) move between the hits' links, as in a list. */
const moveBetweenHits = moveBetweenLinks('a.search-hit-link');

export function SearchPage() {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const ids = useId();
  const intl = useIntl();
  const t = useT();
  const q = (params.get('q') ?? '').trim();
  const query: SearchParams = { q };
  for (const name of FILTERS) query[name] = params.get(name) ?? undefined;
  usePageTitle(q ? t('same.quoted', { quote: q }) : t('documents.search'), workspace.name);

  const key = `search:${workspace.id}:${new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  )}`;
  const results = useResource(key, () =>
    q ? api.search(workspace.id, query) : Promise.resolve(undefined),
  );
  const scale = useResource(`verdict-scale:${workspace.id}`, () => api.verdictScale(workspace.id));
  const members = useResource(`members:${workspace.id}`, () => api.members(workspace.id));

  function setFilter(name: (typeof FILTERS)[number], value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }
  const filtered = FILTERS.some((name) => params.get(name));
  const found = results.data;
  const hitCount = found?.groups.reduce((sum, group) => sum + group.hits.length, 0) ?? 0;

  return (
    <div className="page page-wide search-page">
      <PageHeader
        title={q ? t('search.titleWithQuery', { q }) : t('documents.search')}
        eyebrow={workspace.name}
      >
        <p>
          <FormattedMessage id="search.intro" values={{ kbd: (chunks) => <kbd>{chunks}</kbd> }} />
        </p>
      </PageHeader>

      <fieldset className="search-filters">
        <legend className="visually-hidden">{t('search.filters')}</legend>
        <label htmlFor={`${ids}-verdict`}>{t('claims.verdict')}</label>
        <select
          id={`${ids}-verdict`}
          value={query.verdict ?? ''}
          onChange={(event) => setFilter('verdict', event.target.value)}
        >
          <option value="">{t('search.anyVerdict')}</option>
          {scale.data?.scale.labels.map((label) => (
            <option key={label.key} value={label.key}>
              {label.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-status`}>{t('invites.status')}</label>
        <select
          id={`${ids}-status`}
          value={query.status ?? ''}
          onChange={(event) => setFilter('status', event.target.value)}
        >
          <option value="">{t('search.anyStatus')}</option>
          {CLAIM_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(intl, status)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-reviewer`}>{t('role.reviewer')}</label>
        <select
          id={`${ids}-reviewer`}
          value={query.reviewer ?? ''}
          onChange={(event) => setFilter('reviewer', event.target.value)}
        >
          <option value="">{t('search.anyone')}</option>
          {members.data?.map((member: Member) => (
            <option key={member.userId} value={member.userId}>
              {member.displayName}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-from`}>{t('search.from')}</label>
        <input
          id={`${ids}-from`}
          type="date"
          value={query.from ?? ''}
          onChange={(event) => setFilter('from', event.target.value)}
        />
        <label htmlFor={`${ids}-to`}>{t('search.to')}</label>
        <input
          id={`${ids}-to`}
          type="date"
          value={query.to ?? ''}
          onChange={(event) => setFilter('to', event.target.value)}
        />
        {filtered && (
          <button
            type="button"
            className="button button-link"
            onClick={() => setParams(new URLSearchParams({ q }), { replace: true })}
          >
            {t('search.clearFilters')}
          </button>
        )}
      </fieldset>
      {filtered && <p className="muted search-filter-note">{t('search.filterNote')}</p>}

      {!q && (
        <section className="panel welcome">
          <h2>{t('search.welcome')}</h2>
          <p>{t('search.welcomeHint')}</p>
        </section>
      )}
      <ErrorAlert error={results.error} />
      {q && results.loading && <Loading label={t('search.searching')} />}
      {found && <Corrections results={found} />}
      {found && found.groups.length === 0 && (
        <section className="panel welcome" aria-live="polite">
          <h2>{t('search.nothing', { q })}</h2>
          <p>{t('search.nothingHint', { filtered })}</p>
        </section>
      )}
      {found && found.groups.length > 0 && (
        <>
          <p className="search-summary" role="status">
            {t('search.summary', {
              hits: hitCount,
              documents: found.groups.length,
              truncated: found.truncated,
            })}
          </p>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys between the links inside */}
          <div className="search-results" onKeyDown={moveBetweenHits}>
            {found.groups.map((group) => (
              <section
                key={group.document.id}
                className="search-group"
                aria-labelledby={`${ids}-${group.document.id}`}
              >
                <h2 id={`${ids}-${group.document.id}`} className="search-group-title">
                  <Icon name="document" size={18} />
                  <Link to={`/w/${workspace.id}/d/${group.document.id}`} dir="auto">
                    {group.document.title}
                  </Link>
                  {group.document.archived && (
                    <span className="search-archived">{t('document.archivedFlag')}</span>
                  )}
                </h2>
                <ol className="search-hits">
                  {group.hits.map((hit) => (
                    <li key={hit.id}>
                      <Hit
                        hit={hit}
                        href={`/w/${workspace.id}/d/${group.document.id}${
                          hit.claimId ? `?claim=${hit.claimId}` : ''
                        }`}
                        scale={scale.data?.scale}
                      />
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function Corrections({ results }: { results: SearchResults }) {
  if (results.corrections.length === 0) return null;
  const corrections = results.corrections.map((correction, index) => (
    <span key={correction.word}>
      {index > 0 && '; '}
      <FormattedMessage
        id="search.correction"
        values={{
          word: correction.word,
          alternatives: correction.alternatives.map((word, i) => (
            <span key={word}>
              {i > 0 && ', '}
              <strong>{word}</strong>
            </span>
          )),
        }}
      />
    </span>
  ));
  return (
    <p className="search-corrections">
      <FormattedMessage id="search.alsoSearched" values={{ corrections }} />
    </p>
  );
}

function Hit({
  hit,
  href,
  scale,
}: {
  hit: SearchHit;
  href: string;
  scale: VerdictScale | undefined;
}) {
  const intl = useIntl();
  return (
    <Link className={`search-hit-link search-hit-${hit.kind}`} to={href}>
      <span className="search-hit-meta">
        <span className="search-hit-kind">{intl.formatMessage({ id: KIND_LABELS[hit.kind] })}</span>
        {hit.claimStatus && <StatusBadge status={hit.claimStatus} />}
        {hit.claimId && <VerdictBadge scale={scale} verdict={hit.verdict} />}
        <time className="muted" dateTime={hit.date}>
          {formatDate(intl, hit.date)}
        </time>
      </span>
      <span className="search-snippet" dir="auto">
        {/* Text nodes only: user text is never markup. */}
        {hit.snippet.map((segment, index) =>
          segment.match ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but order
            <mark key={index}>{segment.text}</mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but order
            <span key={index}>{segment.text}</span>
          ),
        )}
      </span>
    </Link>
  );
}
