// SQL for workspace search (docs/search.md): entries written by triggers (claims, evidence,
// comments) and by the search text indexer (documents' text), misspelling corrections from the
// workspace's words, and the ranked, highlighted hits.
import type { ClaimStatus, SearchHitKind } from '@factdesk/model';
import type { Queryable, Sql } from '../db/database.ts';
import { blindRoundSql } from './claims.ts';

/** Words shorter than this are never corrected (too many close neighbours). */
const MIN_CORRECTED_LENGTH = 4;
/** pg_trgm similarity a word of the workspace needs to stand in for a misspelt one. */
const CORRECTION_SIMILARITY = 0.25;
const CORRECTIONS_PER_WORD = 3;

/** Stores a document's plain text for search (no-op if the document is gone). */
export async function writeDocumentSearchText(
  sql: Queryable,
  documentId: string,
  text: string,
): Promise<void> {
  await sql`
    SELECT search_put(d.workspace_id, d.id, NULL, 'text', d.id, ${text})
    FROM documents d WHERE d.id = ${documentId}`;
}

/** Documents whose text is not indexed (never opened since the search migration, say). */
export async function listDocumentsWithoutSearchText(sql: Queryable): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT d.id FROM documents d
    WHERE NOT EXISTS (
      SELECT 1 FROM search_entries e WHERE e.source_id = d.id AND e.kind = 'text')
    ORDER BY d.created_at DESC`;
  return rows.map((row) => row.id);
}

export interface WordCorrection {
  word: string;
  /** Folded words of the workspace close to it; empty when the word is known or too short. */
  alternatives: string[];
}

/**
 * For each query word the workspace has never used, the closest words it does use (trigram
 * similarity), so "Macorn" also looks for "macron". Words the workspace knows are left alone.
 */
export async function findCorrections(
  sql: Sql,
  workspaceId: string,
  words: string[],
): Promise<WordCorrection[]> {
  if (words.length === 0) return [];
  return sql.begin(async (tx) => {
    // For this transaction only: the `%` operator's threshold.
    await tx`SELECT set_config('pg_trgm.similarity_threshold', ${String(CORRECTION_SIMILARITY)}, true)`;
    return tx<WordCorrection[]>`
      WITH hidden AS (
        -- Words of what a running blind round hides are never offered as corrections: the
        -- suggestion would tell another reviewer what the hidden evidence or comment says.
        SELECT DISTINCT w FROM search_entries he
        JOIN claims c ON c.id = he.claim_id,
          unnest(tsvector_to_array(to_tsvector('search_simple', he.body))) AS w
        WHERE he.workspace_id = ${workspaceId} AND he.kind IN ('evidence', 'comment')
          AND ${blindRoundSql(tx)}
          AND EXISTS (
            SELECT 1 FROM evidence be WHERE be.id = he.source_id AND be.blind_round = c.review_round
            UNION ALL
            SELECT 1 FROM claim_comments bk WHERE bk.id = he.source_id AND bk.blind_round = c.review_round)
      )
      SELECT q.word, CASE
        WHEN length(q.folded) < ${MIN_CORRECTED_LENGTH} OR EXISTS (
          SELECT 1 FROM search_words s
          WHERE s.workspace_id = ${workspaceId} AND s.word = q.folded) THEN '{}'::text[]
        ELSE array(
          SELECT s.word FROM search_words s
          WHERE s.workspace_id = ${workspaceId} AND s.word % q.folded
            AND NOT EXISTS (SELECT 1 FROM hidden WHERE hidden.w = s.word)
          ORDER BY similarity(s.word, q.folded) DESC, s.word
          LIMIT ${CORRECTIONS_PER_WORD})
        END AS alternatives
      FROM (SELECT w AS word, search_fold(w) AS folded, n
            FROM unnest(${words}::text[]) WITH ORDINALITY AS u (w, n)) q
      ORDER BY q.n`;
  });
}

export interface SearchFilters {
  verdict?: string | undefined;
  status?: ClaimStatus | undefined;
  reviewerId?: string | undefined;
  /** Inclusive days, YYYY-MM-DD (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface SearchHitRow {
  entry_id: string;
  kind: SearchHitKind;
  document_id: string;
  document_title: string;
  document_language: string | null;
  archived: boolean;
  claim_id: string | null;
  claim_status: ClaimStatus | null;
  verdict: string | null;
  date: Date;
  rank: number;
  /** ts_headline output with matches between HEADLINE_START and HEADLINE_STOP. */
  headline: string;
}

/** Private-use characters marking matches in headlines; removed from the text beforehand. */
export const HEADLINE_START = '\uE000';
export const HEADLINE_STOP = '\uE001';
const MARKERS = `StartSel="${HEADLINE_START}", StopSel="${HEADLINE_STOP}"`;
/** A claim, rationale, evidence or comment: one passage of up to 40 words around the match. */
const SHORT_HEADLINE = `${MARKERS}, MaxWords=40, MinWords=20, ShortWord=2`;
/** A document's text: up to two passages of the matches. */
const TEXT_HEADLINE = `${MARKERS}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/** Trigram similarity with the query is measured on this much of an entry (documents are long). */
const SIMILARITY_PREFIX = 2000;
/** The stretch of a document's text ts_headline is given first (characters). */
const PASSAGE_BEFORE = 600;
const PASSAGE_LENGTH = 2400;
/** How many of the best full-text matches trigram similarity re-ranks. */
const RERANKED = 100;

/**
 * The best `limit` entries matching `fuzzyQuery` (tsquery text, every operand a plain word),
 * each in its document's language; `exactQuery` (the words as typed) ranks higher.
 */
export async function searchEntries(
  sql: Queryable,
  input: {
    workspaceId: string;
    exactQuery: string;
    fuzzyQuery: string;
    /** The query as typed, for trigram similarity. */
    text: string;
    /** The query's words and their corrections: where a long text's passage is looked for. */
    passageWords: string[];
    filters: SearchFilters;
    limit: number;
  },
): Promise<SearchHitRow[]> {
  const { workspaceId, exactQuery, fuzzyQuery, text, passageWords, filters, limit } = input;
  // One fragment: postgres.js would send an array of fragments as a parameter.
  let filter = sql``;
  if (filters.status) filter = sql`${filter} AND c.status = ${filters.status}`;
  if (filters.verdict) filter = sql`${filter} AND c.verdict = ${filters.verdict}`;
  if (filters.reviewerId) {
    filter = sql`${filter} AND EXISTS (SELECT 1 FROM claim_assignees a
      WHERE a.claim_id = c.id AND a.user_id = ${filters.reviewerId})`;
  }
  if (filters.from) {
    filter = sql`${filter} AND coalesce(c.created_at, d.created_at)
      >= (${filters.from}::date)::timestamp AT TIME ZONE 'UTC'`;
  }
  if (filters.to) {
    filter = sql`${filter} AND coalesce(c.created_at, d.created_at)
      < (${filters.to}::date + 1)::timestamp AT TIME ZONE 'UTC'`;
  }
  // One query per configuration (a handful of languages): each entry is matched by the query
  // parsed and stemmed the way its own text was.
  return sql<SearchHitRow[]>`
    WITH queries AS (
      SELECT config, to_tsquery(config, ${fuzzyQuery}) AS fuzzy, to_tsquery(config, ${exactQuery}) AS exact
      FROM (SELECT config FROM search_languages UNION SELECT 'search_simple'::regconfig) configs
    ), any_config AS (
      -- Every configuration's query OR-ed: one GIN index scan finds the candidates, each of
      -- which is then held to its own configuration's query.
      SELECT string_agg('(' || fuzzy::text || ')', ' | ')::tsquery AS fuzzy
      FROM queries WHERE numnode(fuzzy) > 0
    ), matched AS (
      SELECT e.id, e.kind, e.document_id, e.claim_id, e.config, e.body, q.fuzzy,
        d.title AS document_title, d.language AS document_language,
        d.archived_at IS NOT NULL AS archived,
        c.status AS claim_status, c.verdict,
        coalesce(c.created_at, d.created_at) AS date,
        ts_rank(e.tsv, q.fuzzy) + CASE WHEN e.tsv @@ q.exact THEN 0.5 ELSE 0 END AS text_rank
      FROM queries q
      JOIN search_entries e ON e.config = q.config
        AND e.tsv @@ (SELECT fuzzy FROM any_config) AND e.tsv @@ q.fuzzy
      JOIN documents d ON d.id = e.document_id
      LEFT JOIN claims c ON c.id = e.claim_id
      WHERE e.workspace_id = ${workspaceId}
        ${filter}
        -- What a blind reviewer added while their round is blind is found by nobody until
        -- every verdict is in (docs/claims.md, Blind review).
        AND NOT (e.kind IN ('evidence', 'comment') AND c.id IS NOT NULL AND ${blindRoundSql(sql)}
          AND EXISTS (
            SELECT 1 FROM evidence be WHERE be.id = e.source_id AND be.blind_round = c.review_round
            UNION ALL
            SELECT 1 FROM claim_comments bk WHERE bk.id = e.source_id AND bk.blind_round = c.review_round))
      ORDER BY text_rank DESC, e.id
      LIMIT ${RERANKED}
    ), best AS (
      -- Trigram similarity re-ranks the best full-text matches only: it reads the text.
      SELECT *, text_rank
          + word_similarity(search_fold(${text}), search_fold(left(body, ${SIMILARITY_PREFIX})))
          AS rank
      FROM matched
      ORDER BY rank DESC, id
      LIMIT ${limit}
    )
    SELECT id AS entry_id, kind, document_id, document_title, document_language, archived,
      claim_id, claim_status, verdict, date, rank::float8 AS rank,
      ts_headline(config,
        translate(
          CASE WHEN around.passage IS NOT NULL AND to_tsvector(config, around.passage) @@ fuzzy
            THEN around.passage ELSE body END,
          ${HEADLINE_START + HEADLINE_STOP}, '  '),
        fuzzy,
        CASE WHEN kind = 'text' THEN ${TEXT_HEADLINE} ELSE ${SHORT_HEADLINE} END)
        AS headline
    FROM best
    -- ts_headline parses all the text it is given: for a document's text, first try the
    -- stretch around the first place a query word's first letters appear (folded).
    LEFT JOIN LATERAL (
      SELECT substr(body, greatest(1, first_at - ${PASSAGE_BEFORE}), ${PASSAGE_LENGTH}) AS passage
      FROM (SELECT min(nullif(strpos(search_fold(body), search_fold(left(w, 5))), 0)) AS first_at
            FROM unnest(${passageWords}::text[]) AS w) found
      WHERE first_at IS NOT NULL
    ) around ON kind = 'text'
    ORDER BY rank DESC, id`;
}
