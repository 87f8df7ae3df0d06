// searchWorkspace: turns what someone typed into full-text queries — plain words only, so no
// tsquery syntax ever reaches PostgreSQL from user text — corrects words the workspace never
// uses to the closest ones it does, and returns the best hits (docs/search.md).
import type { Sql } from '../db/database.ts';
import {
  findCorrections,
  type SearchFilters,
  type SearchHitRow,
  searchEntries,
  type WordCorrection,
} from '../queries/search.ts';

/** A query longer than this many words keeps its first ones. */
export const MAX_QUERY_WORDS = 12;
const MAX_WORD_LENGTH = 60;

/** The words of a query: runs of letters, combining marks and digits; the rest separates. */
export function queryWords(q: string): string[] {
  const words = q.normalize('NFKC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words.filter((word) => word.length <= MAX_WORD_LENGTH))];
  return unique.slice(0, MAX_QUERY_WORDS);
}

/**
 * tsquery text: every word (with its alternatives) must match. Operands are quoted plain words
 * (letters, marks, digits), so the text carries no operator the user typed.
 */
export function tsqueryText(groups: string[][]): string {
  const operand = (word: string) => `'${word.replace(/[^\p{L}\p{M}\p{N}]/gu, '')}'`;
  return groups
    .map((group) => group.filter((word) => /^[\p{L}\p{M}\p{N}]+$/u.test(word)))
    .filter((group) => group.length > 0)
    .map((group) =>
      group.length === 1 ? operand(group[0] as string) : `(${group.map(operand).join(' | ')})`,
    )
    .join(' & ');
}

export interface SearchOutcome {
  corrections: WordCorrection[];
  hits: SearchHitRow[];
  truncated: boolean;
}

export async function searchWorkspace(
  sql: Sql,
  input: { workspaceId: string; q: string; filters: SearchFilters; limit: number },
): Promise<SearchOutcome> {
  const words = queryWords(input.q);
  if (words.length === 0) return { corrections: [], hits: [], truncated: false };
  const corrections = await findCorrections(sql, input.workspaceId, words);
  const exactQuery = tsqueryText(words.map((word) => [word]));
  const fuzzyQuery = tsqueryText(
    corrections.map((correction) => [correction.word, ...correction.alternatives]),
  );
  const rows = await searchEntries(sql, {
    workspaceId: input.workspaceId,
    exactQuery,
    fuzzyQuery,
    text: words.join(' '),
    passageWords: corrections.flatMap((correction) => [
      correction.word,
      ...correction.alternatives,
    ]),
    filters: input.filters,
    limit: input.limit + 1,
  });
  return {
    corrections: corrections.filter((correction) => correction.alternatives.length > 0),
    hits: rows.slice(0, input.limit),
    truncated: rows.length > input.limit,
  };
}
