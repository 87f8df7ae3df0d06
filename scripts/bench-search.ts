// `pnpm bench:search` (docs/verdict-reuse.md, docs/search.md): fills one workspace with
// 100,000 claims (seeded, so every run holds the same workspace) and reports p50/p95/p99 of
// (a) suggestions — the similar-approved-claims look-up of verdict reuse — and (b) workspace
// search, on the embedded database AND on the PostgreSQL server, one after the other.
// Both run through the same functions as the routes (views/similarClaims.ts,
// views/searchWorkspace.ts), without HTTP. Claims are written with multi-row INSERTs of
// unnest()ed arrays, the search triggers and indexes of the migrations all in place.
//
// Usage: pnpm bench:search [--claims=100000] [--lookups=300] [--embedded-only | --server-only]
// The server is TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); the bench
// creates a database of its own there and drops it at the end. BENCH_EXPLAIN=1 also prints
// the plan of one trigram index scan and the time of each step of a look-up.
import { performance } from 'node:perf_hooks';
import type { Sql } from '../apps/server/src/db/database.ts';
import {
  createTestDatabase,
  type TestDatabaseKind,
} from '../apps/server/src/testing/testDatabase.ts';
import { searchWorkspace } from '../apps/server/src/views/searchWorkspace.ts';
import { REUSE_THRESHOLD, similarClaims } from '../apps/server/src/views/similarClaims.ts';

const flag = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}`));
const numberFlag = (name: string, fallback: number) =>
  Number(flag(name)?.split('=')[1] ?? fallback);
const CLAIMS = numberFlag('claims', 100_000);
const LOOKUPS = numberFlag('lookups', 300);
const CLAIMS_PER_DOCUMENT = 50;
const BATCH = 5_000;
const kinds: TestDatabaseKind[] = flag('embedded-only')
  ? ['embedded']
  : flag('server-only')
    ? ['server']
    : ['embedded', 'server'];
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

/** A seeded generator (mulberry32): the same claims and the same look-ups every run. */
function seeded(start: number) {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Claims as desks write them: words drawn with Zipf's law (the r-th commonest word r times
// rarer than the commonest) from a vocabulary of French and English function words first,
// then topical words, then 30,000 made-up words of a real language's letter patterns, so the
// text has the skew of newsroom prose: a few words everywhere, most words rare. Plus a figure.
const FUNCTION_WORDS = (
  'le la les de des du un une et en a au aux que qui pour par sur dans est sont ont ' +
  'the of in to and a for on by is are was has have that with as from it its'
).split(' ');
const TOPICAL = (
  'chômage dette budget dépenses publiques impôts retraites loyers salaires prix électricité ' +
  'gazole hôpitaux médecins écoles police délinquance immigration émissions nucléaire ' +
  'agriculteurs ménages entreprises gouvernement ministre président Élysée Sénat France Paris ' +
  'baissé augmenté doublé atteint dépasse coûte représente milliards millions euros record ' +
  'unemployment debt budget spending taxes pensions rents wages prices energy bills fuel ' +
  'hospitals doctors schools police crime immigration emissions nuclear farmers households ' +
  'companies government minister president parliament London Britain fallen risen doubled ' +
  'reached exceeds costs billion million pounds cent record highest lowest year years month'
).split(' ');
const VOCABULARY = (() => {
  const random = seeded(7);
  const consonants = 'bcdfgjklmnprstvzchtrplbr'.match(/.{1}/g) ?? [];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'é', 'ou', 'ai', 'eu', 'an', 'on'];
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const made = new Set<string>();
  while (made.size < 30_000) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += pick(consonants) + pick(vowels);
    if (random() < 0.4) word += pick(['s', 'r', 'nt', 'x', 'l', 'e', 'tion', 'ment']);
    made.add(word);
  }
  return [...FUNCTION_WORDS, ...TOPICAL, ...made];
})();
/** Cumulative Zipf weights (1/rank) over VOCABULARY, for drawing by binary search. */
const CUMULATIVE = (() => {
  let total = 0;
  const sums = VOCABULARY.map((_, rank) => {
    total += 1 / (rank + 1);
    return total;
  });
  return sums.map((sum) => sum / total);
})();
function zipfWord(random: () => number): string {
  const target = random();
  let low = 0;
  let high = CUMULATIVE.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((CUMULATIVE[middle] ?? 1) < target) low = middle + 1;
    else high = middle;
  }
  return VOCABULARY[low] as string;
}

function sentenceMaker(random: () => number) {
  return () => {
    const words = Array.from({ length: 10 + Math.floor(random() * 9) }, () => zipfWord(random));
    words.splice(Math.floor(random() * words.length), 0, String(Math.floor(random() * 5000)));
    return words.join(' ');
  };
}

/** Reorders a sentence's words a little: a paraphrase the look-up should still find. */
function reword(sentence: string, random: () => number): string {
  const words = sentence.split(' ');
  const cut = 1 + Math.floor(random() * (words.length - 2));
  return [...words.slice(cut), ...words.slice(0, cut)].join(' ');
}

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function fill(sql: Sql) {
  const random = seeded(42);
  const sentence = sentenceMaker(random);
  const [user] = await sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    VALUES ('bench@example.com', 'Bench', 'x') RETURNING id`;
  const [workspace] = await sql<{ id: string }[]>`
    INSERT INTO workspaces (name) VALUES ('Bench desk') RETURNING id`;
  const workspaceId = workspace?.id ?? '';
  const documentCount = Math.ceil(CLAIMS / CLAIMS_PER_DOCUMENT);
  const documents = await sql<{ id: string; language: string }[]>`
    INSERT INTO documents (workspace_id, title, language, created_by)
    SELECT ${workspaceId}, 'Article ' || n, CASE WHEN n % 2 = 0 THEN 'fr' ELSE 'en' END,
      ${user?.id ?? null}
    FROM generate_series(1, ${documentCount}) AS n
    RETURNING id, language`;
  const approved: { statement: string; quote: string }[] = [];
  for (let start = 0; start < CLAIMS; start += BATCH) {
    const columns = {
      document: [] as string[],
      status: [] as string[],
      verdict: [] as (string | null)[],
      statement: [] as string[],
      quote: [] as string[],
      rationale: [] as string[],
    };
    for (let i = start; i < Math.min(CLAIMS, start + BATCH); i++) {
      const document = documents[Math.floor(i / CLAIMS_PER_DOCUMENT)];
      const isApproved = random() < 0.5;
      const statement = sentence();
      const quote = sentence();
      columns.document.push(document?.id ?? '');
      columns.status.push(
        isApproved ? 'approved' : (['open', 'in_review', 'verdict_proposed'][i % 3] as string),
      );
      columns.verdict.push(isApproved ? (['true', 'false', 'misleading'][i % 3] as string) : null);
      columns.statement.push(statement);
      columns.quote.push(quote);
      columns.rationale.push(sentence());
      if (isApproved && approved.length < 5_000) approved.push({ statement, quote });
    }
    await sql`
      INSERT INTO claims (document_id, workspace_id, status, verdict, statement, quote_exact,
        current_quote, rationale, anchor_start, anchor_end, approved_at, approved_label)
      SELECT d, ${workspaceId}, s, v, st, q, q, r, 'AA==', 'AA==',
        CASE WHEN s = 'approved' THEN now() END, CASE WHEN s = 'approved' THEN v END
      FROM unnest(${columns.document}::uuid[], ${columns.status}::text[],
        ${columns.verdict}::text[], ${columns.statement}::text[], ${columns.quote}::text[],
        ${columns.rationale}::text[]) AS x(d, s, v, st, q, r)`;
  }
  await sql`ANALYZE`;
  return { workspaceId, approved };
}

async function bench(kind: TestDatabaseKind) {
  const db = await createTestDatabase(kind);
  try {
    const started = performance.now();
    const { workspaceId, approved } = await fill(db.sql);
    console.log(
      `\n${kind}: ${CLAIMS.toLocaleString('en')} claims (about half approved) filled in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    if (process.env.BENCH_EXPLAIN) await explain(db.sql, workspaceId, approved[0]?.quote ?? '');
    const random = seeded(99);
    const sentence = sentenceMaker(random);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;

    // (a) Suggestions: half reword an approved claim (found), half are new sentences (mostly
    // nothing found) — a quote with a statement, or a quote alone, as the panel asks.
    const suggestionTimes: number[] = [];
    let found = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const source = pick(approved);
      const quote = i % 2 === 0 ? reword(source.quote, random) : sentence();
      const statement = i % 4 < 2 ? reword(source.statement, random) : undefined;
      const t0 = performance.now();
      const result = await similarClaims(db.sql, { workspaceId, quote, statement, limit: 5 });
      suggestionTimes.push(performance.now() - t0);
      if (result.claims.length > 0) found++;
    }
    // (b) Workspace search: words of the shared vocabulary, rarer words, two words, a filter.
    const searchTimes: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const q = [
        () => zipfWord(random),
        () => `${zipfWord(random)} ${zipfWord(random)}`,
        () => pick(TOPICAL),
        () => pick(VOCABULARY),
      ][i % 4]?.() as string;
      const filters = i % 5 === 0 ? { verdict: 'false' } : {};
      const t0 = performance.now();
      await searchWorkspace(db.sql, { workspaceId, q, filters, limit: 50 });
      searchTimes.push(performance.now() - t0);
    }
    const s = percentiles(suggestionTimes);
    const w = percentiles(searchTimes);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      `  suggestions (threshold ${REUSE_THRESHOLD}, ${LOOKUPS} look-ups, ${found} with a match): p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}${s.p95 <= 50 ? '' : '  — above the 50 ms goal'}`,
    );
    console.log(
      `  workspace search (${LOOKUPS} searches): p50 ${ms(w.p50)}  p95 ${ms(w.p95)}  p99 ${ms(w.p99)}`,
    );
  } finally {
    await db.close();
  }
}

/** BENCH_EXPLAIN=1: the plan of one look-up (candidates from the rarest terms, then scores). */
async function explain(sql: Sql, workspaceId: string, quote: string) {
  const lookup = similarClaims(sql, { workspaceId, quote, limit: 5 });
  await lookup;
  const plan = await sql.unsafe(
    `EXPLAIN (ANALYZE, BUFFERS)
     WITH q AS (SELECT reuse_fold($2) AS folded),
     ranked AS (
       SELECT k.term, row_number() OVER (ORDER BY k.claims, k.term) AS rank,
         sum(k.claims) OVER (ORDER BY k.claims, k.term) AS postings
       FROM reuse_term_counts k
       WHERE k.workspace_id = $1 AND k.claims > 0
         AND k.term = ANY (ARRAY(SELECT DISTINCT unnest(reuse_terms(folded)) FROM q)))
     SELECT p.claim_id FROM ranked CROSS JOIN LATERAL (
       SELECT r.claim_id FROM reuse_terms r
       WHERE r.workspace_id = $1 AND r.term = ranked.term LIMIT 3000) p
     WHERE ranked.rank <= 8 OR ranked.postings <= 3000
     GROUP BY p.claim_id ORDER BY count(*) DESC LIMIT 100`,
    [workspaceId, quote],
  );
  console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
  const time = async (label: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await run();
    console.log(`${label}: ${((performance.now() - t0) / 20).toFixed(1)} ms`);
  };
  await time('SELECT 1', () => sql`SELECT 1`);
  await time('similarClaims', () => similarClaims(sql, { workspaceId, quote, limit: 5 }));
  await time('similarClaims, quote and statement', () =>
    similarClaims(sql, { workspaceId, quote, statement: quote, limit: 5 }),
  );
}

for (const kind of kinds) await bench(kind);
