// The annotated article as every format draws it: each block's text cut into pieces of equal
// marks, link and claim highlights, from the structure buildReport read once (ReportArticle).
// Links are checked again here (http, https, mailto) so a renderer never trusts the data.
import {
  displayUrl,
  LINK_PROTOCOLS,
  type ReportArticle,
  type ReportArticleBlock,
  type ReportArticleRun,
  type ReportClaim,
  safeHref,
} from '@factdesk/model';

export interface ArticlePiece {
  text: string;
  marks: ReportArticleRun['marks'];
  /** Numbers of the claims whose highlight covers the piece. */
  claims: number[];
  /** Numbers of the claims whose highlight ends with the piece (shown as a reference after it). */
  ends: number[];
}

/** Pieces under one link (href null: not a link), so a link is drawn once, whole. */
export interface ArticleLinkGroup {
  href: string | null;
  /** The link's text when it is its own URL: shown as displayUrl (readable host), else null. */
  label: string | null;
  pieces: ArticlePiece[];
}

export interface ArticleViewBlock {
  block: ReportArticleBlock;
  groups: ArticleLinkGroup[];
}

export function articleView(article: ReportArticle, claims: ReportClaim[]): ArticleViewBlock[] {
  const numbers = new Map(claims.map((claim) => [claim.id, claim.number]));
  const sorted = article.highlights
    .filter((h) => numbers.has(h.claimId) && h.to > h.from)
    .map((h) => ({ ...h, number: numbers.get(h.claimId) ?? 0 }))
    .sort((a, b) => a.from - b.from);
  // Blocks come in text order: the highlights over each are found by one sweep, not a search
  // of every highlight per run (a 100,000-word article has ~1,000 claims).
  let next = 0;
  let active: typeof sorted = [];
  return article.blocks.map((block) => {
    while (next < sorted.length && (sorted[next]?.from ?? 0) < Math.max(block.to, block.from + 1)) {
      active.push(sorted[next] as (typeof sorted)[number]);
      next += 1;
    }
    active = active.filter((h) => h.to > block.from);
    const highlights = active.filter((h) => h.from < block.to);
    const runs: ReportArticleRun[] = block.runs.length
      ? block.runs
      : block.to > block.from
        ? [{ from: block.from, to: block.to, marks: [] }]
        : [];
    const groups: ArticleLinkGroup[] = [];
    for (const run of runs) {
      const href = run.href ? safeHref(run.href, LINK_PROTOCOLS) : null;
      const cuts = new Set([run.from, run.to]);
      for (const h of highlights) {
        if (h.from > run.from && h.from < run.to) cuts.add(h.from);
        if (h.to > run.from && h.to < run.to) cuts.add(h.to);
      }
      const points = [...cuts].sort((a, b) => a - b);
      const pieces: ArticlePiece[] = [];
      for (let i = 0; i + 1 < points.length; i += 1) {
        const from = points[i] ?? 0;
        const to = points[i + 1] ?? 0;
        const covering = highlights.filter((h) => h.from < to && h.to > from);
        pieces.push({
          text: article.text.slice(from, to),
          marks: run.marks,
          claims: [...new Set(covering.map((h) => h.number))].sort((a, b) => a - b),
          // A highlight running on into the next block gets its number at this block's end too.
          ends: [
            ...new Set(
              covering
                .filter((h) => h.to === to || (to === block.to && h.to > to))
                .map((h) => h.number),
            ),
          ].sort((a, b) => a - b),
        });
      }
      const last = groups.at(-1);
      if (last && last.href === href) last.pieces.push(...pieces);
      else groups.push({ href, label: null, pieces });
    }
    for (const group of groups) {
      const [only, ...more] = group.pieces;
      if (group.href && only && more.length === 0 && only.claims.length === 0) {
        if (safeHref(only.text.trim(), LINK_PROTOCOLS) === group.href) {
          group.label = displayUrl(group.href);
        }
      }
    }
    return { block, groups };
  });
}
