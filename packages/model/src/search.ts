// API shapes of workspace search (docs/search.md): the query with its filters, and results
// grouped by document, each hit's passage as text segments marked as matching or not, so
// clients render highlights without ever treating user text as markup.
import { type Static, Type } from 'typebox';
import { CLAIM_STATUSES } from './claimVocabulary.ts';
import { Nullable } from './nullable.ts';
import { CalendarDay, Timestamp, Uuid } from './schemas.ts';

export const SEARCH_HIT_KINDS = ['claim', 'rationale', 'evidence', 'comment', 'text'] as const;
export type SearchHitKind = (typeof SEARCH_HIT_KINDS)[number];

export const SEARCH_QUERY_MAX_LENGTH = 200;
export const SEARCH_DEFAULT_LIMIT = 50;
export const SEARCH_MAX_LIMIT = 200;

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: SEARCH_QUERY_MAX_LENGTH,
      description:
        'Words to find (all of them; accents and case ignored, stemmed in each document’s language, misspellings corrected)',
    }),
    verdict: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        pattern: '^[a-z0-9_]+$',
        description: 'Only claims with this verdict key (drops document-text hits)',
      }),
    ),
    status: Type.Optional(
      Type.Enum(CLAIM_STATUSES, {
        description: 'Only claims in this status (drops document-text hits)',
      }),
    ),
    reviewer: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Only claims assigned to this user (drops document-text hits)',
      }),
    ),
    from: Type.Optional(CalendarDay),
    to: Type.Optional(CalendarDay),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: SEARCH_MAX_LIMIT,
        default: SEARCH_DEFAULT_LIMIT,
        description: 'Most hits returned, over all documents',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SnippetSegment = Type.Object({
  text: Type.String(),
  match: Type.Boolean({ description: 'true: this text matched the query' }),
});
export type SnippetSegment = Static<typeof SnippetSegment>;

export const SearchHit = Type.Object({
  id: Type.String({ description: 'Identifies the hit among the results' }),
  kind: Type.Enum(SEARCH_HIT_KINDS),
  claimId: Nullable(Uuid, { description: 'The claim the hit belongs to' }),
  claimStatus: Nullable(Type.Enum(CLAIM_STATUSES)),
  verdict: Nullable(Type.String(), { description: 'The claim’s verdict key' }),
  snippet: Type.Array(SnippetSegment, {
    description: 'The passage around the match; “…” joins fragments of a long text',
  }),
  rank: Type.Number(),
  date: Timestamp,
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchGroup = Type.Object({
  document: Type.Object({
    id: Uuid,
    title: Type.String(),
    language: Nullable(Type.String()),
    archived: Type.Boolean(),
  }),
  hits: Type.Array(SearchHit),
});
export type SearchGroup = Static<typeof SearchGroup>;

export const SearchResults = Type.Object({
  query: Type.String(),
  /** Query words replaced by close words of the workspace (misspellings). */
  corrections: Type.Array(
    Type.Object({ word: Type.String(), alternatives: Type.Array(Type.String()) }),
  ),
  groups: Type.Array(SearchGroup),
  /** More hits matched than `limit` allowed. */
  truncated: Type.Boolean(),
});
export type SearchResults = Static<typeof SearchResults>;
