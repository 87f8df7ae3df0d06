// Search latency over a workspace of N claims (docs/search.md): fills a fresh database — the
// embedded one, or a new database on the server of TEST_DATABASE_URL with FACTDESK_TEST_DB=server
// — with claims carrying a statement, quote, claimant, tags and rationale, an evidence link and
// a comment for every fourth, and documents' text, then times searches of mixed words,
// misspellings and filters through searchWorkspace (the route's own query path, without HTTP).
// Usage: pnpm exec tsx scripts/measure-search.ts [claims=10000] [searches=200]
import { performance } from 'node:perf_hooks';
import { writeDocumentSearchText } from '../apps/server/src/queries/search.ts';
import { createTestDatabase, testDatabaseKind } from '../apps/server/src/testing/testDatabase.ts';
import { searchWorkspace } from '../apps/server/src/views/searchWorkspace.ts';

const claims = Number(process.argv[2] ?? 10_000);
const searches = Number(process.argv[3] ?? 200);
const CLAIMS_PER_DOCUMENT = 50;

// A seeded generator, so every run searches the same workspace.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const WORDS = (
  'budget deficit unemployment inflation pension reform taxes households rents wages ' +
  'minister president parliament élysée hospital schools police crime migration climate ' +
  'emissions energy nuclear electricity prices growth exports farmers subsidies debt ' +
  'interest banks housing doubled fell rose percent million billion record lowest highest ' +
  'since promised announced claimed according official statistics survey report study'
).split(' ');
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
// Newsroom text has a large vocabulary where a few words are everywhere: ~8,000 made-up words
// after the real ones, drawn with a Zipf-like skew.
const SYLLABLES = 'ba ke lo mi nu ra se ti vo za pre gal dor fin mar tel qui son'.split(' ');
const VOCABULARY = [...WORDS];
while (VOCABULARY.length < 8_000) {
  const length = 2 + Math.floor(random() * 3);
  VOCABULARY.push(Array.from({ length }, () => pick(SYLLABLES)).join(''));
}
const zipf = () => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 3)] as string;
const NAMES = ['Emmanuel Macron', 'Élisabeth Borne', 'Jane Minister', 'Olaf Scholz', 'Ana Pérez'];
const sentence = (n: number) => Array.from({ length: n }, zipf).join(' ');

const db = await createTestDatabase();
const { sql } = db;
try {
  const [user] = await sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    VALUES ('bench@example.com', 'Bench', 'x') RETURNING id`;
  const [workspace] = await sql<{ id: string }[]>`
    INSERT INTO workspaces (name) VALUES ('Bench desk') RETURNING id`;
  const workspaceId = workspace?.id ?? '';
  const started = performance.now();
  const documentCount = Math.ceil(claims / CLAIMS_PER_DOCUMENT);
  for (let d = 0; d < documentCount; d++) {
    const [document] = await sql<{ id: string }[]>`
      INSERT INTO documents (workspace_id, title, language, created_by)
      VALUES (${workspaceId}, ${`Article ${d}: ${sentence(4)}`}, ${d % 3 === 0 ? 'fr' : 'en'},
        ${user?.id ?? null})
      RETURNING id`;
    const documentId = document?.id ?? '';
    await writeDocumentSearchText(
      sql,
      documentId,
      Array.from({ length: 40 }, () => `${sentence(18)}.`).join('\n'),
    );
    const rows = Array.from({ length: Math.min(CLAIMS_PER_DOCUMENT, claims - d * 50) }, () => {
      const quote = sentence(10);
      return {
        document_id: documentId,
        workspace_id: workspaceId,
        status: pick(['open', 'assigned', 'in_review', 'verdict_proposed']),
        verdict: pick([null, 'true', 'false', 'misleading']),
        statement: sentence(12),
        rationale: sentence(40),
        claimant_name: pick(NAMES),
        claimant_type: 'person',
        tags: [pick(WORDS), pick(WORDS)],
        anchor_start: 'AA==',
        anchor_end: 'AA==',
        quote_exact: quote,
        current_quote: quote,
      };
    });
    const inserted = await sql<{ id: string }[]>`INSERT INTO claims ${sql(rows)} RETURNING id`;
    const quarter = inserted.filter((_, i) => i % 4 === 0);
    if (quarter.length > 0) {
      await sql`INSERT INTO evidence ${sql(
        quarter.map((claim) => ({
          claim_id: claim.id,
          url: `https://www.${pick(['insee.fr', 'ons.gov.uk', 'destatis.de'])}/${Math.floor(random() * 1e6)}`,
          title: sentence(6),
          excerpt: sentence(20),
          kind: 'official_data',
          stance: 'refutes',
        })),
      )}`;
      await sql`INSERT INTO claim_comments ${sql(
        quarter.map((claim) => ({ claim_id: claim.id, body: sentence(15) })),
      )}`;
    }
  }
  await sql`ANALYZE`;
  const [counts] = await sql<{ entries: number; words: number }[]>`
    SELECT (SELECT count(*)::int FROM search_entries) AS entries,
      (SELECT count(*)::int FROM search_words) AS words`;
  console.log(
    `${testDatabaseKind()}: ${claims} claims in ${documentCount} documents, ${counts?.entries} entries, ${counts?.words} words; filled in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // Mostly words of any frequency; some of the most common ones (which match most entries),
  // misspellings and filters.
  const queries = [
    () => ({ q: pick(VOCABULARY) }),
    () => ({ q: pick(VOCABULARY) }),
    () => ({ q: `${pick(VOCABULARY)} ${zipf()}` }),
    () => ({ q: pick(WORDS) }),
    () => ({ q: 'Macorn' }),
    () => ({ q: 'elysee budget' }),
    () => ({ q: pick(VOCABULARY), filters: { verdict: 'false' } }),
    () => ({ q: `${zipf()} ${zipf()}`, filters: { status: 'in_review' as const } }),
    () => ({ q: 'unemploymnet' }),
  ];
  const LABELS = [
    'rare word',
    'rare word',
    'two words',
    'common word',
    'misspelt name',
    'accents',
    'word + verdict',
    'two words + status',
    'misspelt word',
  ];
  const times: number[] = [];
  const byKind = new Map<string, number[]>();
  for (let i = 0; i < searches; i++) {
    const kind = Math.floor(random() * queries.length);
    const { q, filters = {} } = (queries[kind] as () => { q: string; filters?: object })();
    const t0 = performance.now();
    await searchWorkspace(sql, { workspaceId, q, filters, limit: 50 });
    const elapsed = performance.now() - t0;
    times.push(elapsed);
    const label = LABELS[kind] ?? String(kind);
    byKind.set(label, [...(byKind.get(label) ?? []), elapsed]);
  }
  const percentile = (list: number[], p: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  };
  console.log(
    `${searches} searches: p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms, max ${percentile(times, 1).toFixed(1)} ms`,
  );
  for (const [label, list] of byKind) {
    console.log(
      `  ${label}: ${list.length} searches, p50 ${percentile(list, 0.5).toFixed(1)} ms, p95 ${percentile(list, 0.95).toFixed(1)} ms`,
    );
  }
} finally {
  await db.close();
}
