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
import { STATUS_LABELS } from '../../components/claimWords.ts';
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

const KIND_LABELS: Record<SearchHitKind, string> = {
  claim: 'Claim',
  rationale: 'Rationale',
  evidence: 'Evidence',
  comment: 'Comment',
  text: 'Article text',
};

const FILTERS = ['verdict', 'status', 'reviewer', 'from', 'to'] as const;

/** Up and down arrows (or j and k) move between the hits' links, as in a list. */
const moveBetweenHits = moveBetweenLinks('a.search-hit-link');

export function SearchPage() {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const ids = useId();
  const q = (params.get('q') ?? '').trim();
  const query: SearchParams = { q };
  for (const name of FILTERS) query[name] = params.get(name) ?? undefined;
  usePageTitle(q ? `“${q}”` : 'Search', workspace.name);

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
      <PageHeader title={q ? <>Search: “{q}”</> : 'Search'} eyebrow={workspace.name}>
        <p>
          Claims, rationales, evidence, comments and the text of every document, accents and case
          ignored. Press <kbd>/</kbd> anywhere to search again.
        </p>
      </PageHeader>

      <fieldset className="search-filters">
        <legend className="visually-hidden">Filters</legend>
        <label htmlFor={`${ids}-verdict`}>Verdict</label>
        <select
          id={`${ids}-verdict`}
          value={query.verdict ?? ''}
          onChange={(event) => setFilter('verdict', event.target.value)}
        >
          <option value="">Any verdict</option>
          {scale.data?.scale.labels.map((label) => (
            <option key={label.key} value={label.key}>
              {label.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-status`}>Status</label>
        <select
          id={`${ids}-status`}
          value={query.status ?? ''}
          onChange={(event) => setFilter('status', event.target.value)}
        >
          <option value="">Any status</option>
          {CLAIM_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-reviewer`}>Reviewer</label>
        <select
          id={`${ids}-reviewer`}
          value={query.reviewer ?? ''}
          onChange={(event) => setFilter('reviewer', event.target.value)}
        >
          <option value="">Anyone</option>
          {members.data?.map((member: Member) => (
            <option key={member.userId} value={member.userId}>
              {member.displayName}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-from`}>From</label>
        <input
          id={`${ids}-from`}
          type="date"
          value={query.from ?? ''}
          onChange={(event) => setFilter('from', event.target.value)}
        />
        <label htmlFor={`${ids}-to`}>To</label>
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
            Clear filters
          </button>
        )}
      </fieldset>
      {filtered && (
        <p className="muted search-filter-note">
          With a verdict, status, reviewer or date filter, only claims and what belongs to them are
          searched (not the documents’ text).
        </p>
      )}

      {!q && (
        <section className="panel welcome">
          <h2>What are you looking for?</h2>
          <p>Type words in the search box at the top and press Enter.</p>
        </section>
      )}
      <ErrorAlert error={results.error} />
      {q && results.loading && <Loading label="Searching…" />}
      {found && <Corrections results={found} />}
      {found && found.groups.length === 0 && (
        <section className="panel welcome" aria-live="polite">
          <h2>Nothing found for “{q}”</h2>
          <p>
            Every word must appear (in any form: “reform” finds “reforms”).
            {filtered ? ' Try without the filters, or with fewer words.' : ' Try fewer words.'}
          </p>
        </section>
      )}
      {found && found.groups.length > 0 && (
        <>
          <p className="search-summary" role="status">
            {hitCount} {hitCount === 1 ? 'match' : 'matches'} in {found.groups.length}{' '}
            {found.groups.length === 1 ? 'document' : 'documents'}
            {found.truncated && ' (the best ones; add words or filters to narrow it down)'}
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
                  {group.document.archived && <span className="search-archived">Archived</span>}
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
  return (
    <p className="search-corrections">
      Also searched for{' '}
      {results.corrections.map((correction, index) => (
        <span key={correction.word}>
          {index > 0 && '; '}
          {correction.alternatives.map((word, i) => (
            <span key={word}>
              {i > 0 && ', '}
              <strong>{word}</strong>
            </span>
          ))}{' '}
          instead of “{correction.word}”
        </span>
      ))}
      .
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
  return (
    <Link className={`search-hit-link search-hit-${hit.kind}`} to={href}>
      <span className="search-hit-meta">
        <span className="search-hit-kind">{KIND_LABELS[hit.kind]}</span>
        {hit.claimStatus && <StatusBadge status={hit.claimStatus} />}
        {hit.claimId && <VerdictBadge scale={scale} verdict={hit.verdict} />}
        <time className="muted" dateTime={hit.date}>
          {formatDate(hit.date)}
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
