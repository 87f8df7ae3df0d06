// The HTML report: one self-contained, printable file; the only script is the ClaimReview data block.
import {
  agreementEstimateText,
  displayUrl,
  type ReportArticleContainer,
  type ReportClaim,
  type ReportData,
  type ReportEvidence,
} from '@factdesk/model';
import type { ArticleLinkGroup, ArticlePiece, ArticleViewBlock } from './articleView.ts';
import { buildClaimReviews, jsonForScript } from './claimReview.ts';
import { escapeHtml } from './escapeHtml.ts';
import { linkFlag } from './linkFlag.ts';
import {
  approverText,
  formatDate,
  formatRating,
  type PreparedReport,
  reusedFromText,
  statusLabel,
} from './prepareReport.ts';
import { renderMarkdownSafely } from './renderMarkdownSafely.ts';
import { REPORT_CSS } from './reportCss.ts';
import { safeUrl } from './safeUrl.ts';
import { summaryChartSvg } from './summaryChart.ts';
import { formatDateTime, textVersionLine } from './textVersion.ts';
import { timeToVerdictText } from './timeToVerdict.ts';

function text(value: string | null | undefined, fallback = '—'): string {
  return value ? `<bdi dir="auto">${escapeHtml(value)}</bdi>` : fallback;
}

/**
 * A link when the URL is http(s); otherwise the text alone, so nothing runs on click. Without a
 * label the URL is shown with its host readable (displayUrl); the href stays its ASCII form.
 * `data-url` is what print shows after a labelled link.
 */
function link(url: string | null, label: string | null): string {
  const href = safeUrl(url);
  if (!href) return `<span dir="auto">${escapeHtml(label || url || '')}</span>`;
  const shown = escapeHtml(label || displayUrl(href));
  const printed = label ? ` data-url="${escapeHtml(displayUrl(href))}"` : '';
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank" dir="auto"${printed}>${shown}</a>`;
}

function evidenceItem(evidence: ReportEvidence): string {
  const archived = safeUrl(evidence.archivedUrl)
    ? ` · ${link(evidence.archivedUrl, 'archived copy')}`
    : '';
  const excerpt = evidence.excerpt
    ? `<blockquote dir="auto">${escapeHtml(evidence.excerpt)}</blockquote>`
    : '';
  const flag = linkFlag(evidence.link);
  const flagged = flag
    ? `<div class="link-flag link-${evidence.link?.state}"><strong>${flag.label}</strong>${flag.finalUrl ? ` — now at ${link(flag.finalUrl, null)}` : ''}${flag.note ? ` (${escapeHtml(flag.note)})` : ''}</div>`
    : '';
  return `<li class="evidence stance-${evidence.stance}"><span class="stance">${escapeHtml(evidence.stance)}</span> ${link(evidence.url, evidence.title)}${archived}${flagged}<div class="meta">${text(evidence.publisher, '')}${evidence.publisher ? ' · ' : ''}${escapeHtml(evidence.kind.replace(/_/g, ' '))}${evidence.addedBy ? ` · added by ${text(evidence.addedBy)}` : ''} · ${formatDate(evidence.addedAt)}</div>${excerpt}</li>`;
}

function claimSection(prepared: PreparedReport, claim: ReportClaim): string {
  const { data } = prepared;
  const verdictKey = claim.verdict ? escapeHtml(claim.verdict.key) : 'none';
  const orphan = claim.orphaned
    ? `<p class="orphaned"><strong>Orphaned:</strong> the passage this claim was made on is no longer in the article; its original quote is shown.</p>`
    : '';
  const quote = `<blockquote class="quote" dir="auto"><span class="context">${escapeHtml(claim.context.before)}</span><mark>${escapeHtml(claim.quote.exact)}</mark><span class="context">${escapeHtml(claim.context.after)}</span></blockquote>`;
  const current =
    !claim.orphaned && claim.currentQuote !== null && claim.currentQuote !== claim.quote.exact
      ? `<p class="meta">Text now reads: ${text(claim.currentQuote)}</p>`
      : '';
  const timeToVerdict = timeToVerdictText(claim);
  const claimant = claim.claimant
    ? `${text(claim.claimant.name)} <span class="meta">(${claim.claimant.kind})</span>`
    : '—';
  const rationale = claim.rationale
    ? `<div class="rationale" dir="auto">${renderMarkdownSafely(claim.rationale)}</div>`
    : '';
  const evidence =
    data.options.evidence && claim.evidence.length > 0
      ? `<h4>Evidence</h4><ul class="evidence-list">${claim.evidence.map(evidenceItem).join('')}</ul>`
      : '';
  return `<section class="claim" id="claim-${claim.number}">
<header class="claim-head"><span class="claim-number">Claim ${claim.number}</span><span class="verdict verdict-${verdictKey}">${escapeHtml(formatRating(claim, data))}</span></header>
${orphan}${quote}${current}
<h3 class="statement" dir="auto">${escapeHtml(claim.statement)}</h3>
<dl class="facts"><dt>Claimant</dt><dd>${claimant}</dd><dt>Status</dt><dd>${statusLabel(claim.status)}</dd><dt>Reviewers</dt><dd>${claim.reviewers.length ? claim.reviewers.map((name) => text(name)).join(', ') : '—'}</dd><dt>Approved by</dt><dd>${text(approverText(claim))}</dd>${claim.reusedFrom ? `<dt>Reused from</dt><dd>${text(reusedFromText(claim))}</dd>` : ''}<dt>Dates</dt><dd>created ${formatDate(claim.createdAt)} · proposed ${formatDate(claim.proposedAt)} · approved ${formatDate(claim.approvedAt)}</dd>${timeToVerdict ? `<dt>Time to verdict</dt><dd>${escapeHtml(timeToVerdict)}</dd>` : ''}</dl>
${rationale}${evidence}
</section>`;
}

const MARK_TAGS: Record<ArticlePiece['marks'][number], string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  code: 'code',
};

function claimRefs(numbers: number[]): string {
  return numbers.map((n) => `<sup class="claim-ref"><a href="#claim-${n}">${n}</a></sup>`).join('');
}

function pieceHtml(piece: ArticlePiece): string {
  let html = escapeHtml(piece.text).replace(/\n/g, '<br>');
  for (const mark of piece.marks) html = `<${MARK_TAGS[mark]}>${html}</${MARK_TAGS[mark]}>`;
  if (piece.claims.length > 0) {
    html = `<mark class="highlight" data-claims="${piece.claims.join(' ')}">${html}</mark>`;
  }
  return html;
}

/** A link drawn whole; claim references that end inside it follow it (no link in a link). */
function groupHtml(group: ArticleLinkGroup): string {
  if (!group.href) {
    return group.pieces.map((piece) => pieceHtml(piece) + claimRefs(piece.ends)).join('');
  }
  const inner = group.label ? escapeHtml(group.label) : group.pieces.map(pieceHtml).join('');
  const printed =
    group.label || !/^https?:/.test(group.href)
      ? ''
      : ` data-url="${escapeHtml(displayUrl(group.href))}"`;
  const refs = claimRefs([...new Set(group.pieces.flatMap((piece) => piece.ends))]);
  return `<a href="${escapeHtml(group.href)}" rel="noopener noreferrer" target="_blank"${printed}>${inner}</a>${refs}`;
}

function openContainer(container: ReportArticleContainer): string {
  switch (container.kind) {
    case 'blockquote':
      return '<blockquote dir="auto">';
    case 'bulletList':
      return '<ul>';
    case 'orderedList':
      return container.start !== undefined && container.start !== 1
        ? `<ol start="${container.start}">`
        : '<ol>';
    case 'listItem':
      return '<li dir="auto">';
  }
}

const CLOSE: Record<ReportArticleContainer['kind'], string> = {
  blockquote: '</blockquote>',
  bulletList: '</ul>',
  orderedList: '</ol>',
  listItem: '</li>',
};

function sameContainer(a: ReportArticleContainer | undefined, b: ReportArticleContainer) {
  return a !== undefined && a.kind === b.kind && a.index === b.index;
}

function articleSection(article: ArticleViewBlock[]): string {
  let html = '';
  let open: ReportArticleContainer[] = [];
  for (const { block, groups } of article) {
    let keep = 0;
    while (
      keep < open.length &&
      sameContainer(block.containers[keep], open[keep] as ReportArticleContainer)
    ) {
      keep += 1;
    }
    for (const container of open.slice(keep).reverse()) html += CLOSE[container.kind];
    for (const container of block.containers.slice(keep)) html += openContainer(container);
    open = block.containers;
    const inline = groups.map(groupHtml).join('');
    switch (block.kind) {
      case 'heading': {
        const level = Math.min(6, Math.max(3, (block.level ?? 1) + 2));
        html += `<h${level} dir="auto">${inline}</h${level}>\n`;
        break;
      }
      case 'horizontalRule':
        html += '<hr>\n';
        break;
      default:
        html += `<p dir="auto">${inline}</p>\n`;
    }
  }
  for (const container of [...open].reverse()) html += CLOSE[container.kind];
  return `<section class="article"><h2>Annotated article</h2>\n${html}</section>`;
}

/** How far the document's blind reviewers agreed: alpha, then kappa and alpha for each pair. */
function agreementSection(data: ReportData): string {
  const agreement = data.agreement;
  if (!agreement) return '';
  const pairs = agreement.pairs
    .map(
      (pair) =>
        `<tr><th scope="row">${pair.reviewers.map((r) => text(r.name)).join(' &amp; ')}</th><td>${escapeHtml(agreementEstimateText('κ', pair.kappa))}</td><td>${escapeHtml(agreementEstimateText('α', pair.alpha.nominal))}</td><td>${escapeHtml(agreementEstimateText('α', pair.alpha.ordinal))}</td></tr>`,
    )
    .join('');
  return `<section class="agreement">
<h2>Agreement of blind review</h2>
<p>How far reviewers who judged the same claim independently gave the same verdict, beyond chance: 1 is full agreement, 0 no better than chance.</p>
<dl class="facts"><dt>Same verdict</dt><dd>${escapeHtml(agreementEstimateText('α', agreement.alpha.nominal))}</dd><dt>Close on the rating scale</dt><dd>${escapeHtml(agreementEstimateText('α', agreement.alpha.ordinal))}</dd></dl>
${pairs ? `<table class="agreement-pairs"><caption>By pair of reviewers</caption><thead><tr><th scope="col">Reviewers</th><th scope="col">Cohen’s kappa</th><th scope="col">Alpha, verdicts</th><th scope="col">Alpha, ratings</th></tr></thead><tbody>${pairs}</tbody></table>` : ''}
<p class="meta">Krippendorff’s alpha: ${escapeHtml(agreement.method.alphaInterval)}. Kappa: ${escapeHtml(agreement.method.kappaInterval)}.</p>
</section>
`;
}

export function renderHtml(prepared: PreparedReport): string {
  const { data, claims } = prepared;
  const doc = data.document;
  const reviews = buildClaimReviews(data, claims);
  const lang = doc.language ? escapeHtml(doc.language) : 'en';
  const team = data.team
    .map(
      (member) =>
        `<li>${text(member.name)} <span class="meta">${escapeHtml(member.roles.join(', '))}</span></li>`,
    )
    .join('');
  const scopeNote =
    data.options.scope === 'approved' ? 'approved claims only' : 'all claims, approved or not';
  const jsonLd = reviews.length
    ? `<script type="application/ld+json">${jsonForScript(reviews)}</script>\n`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>Fact-check report: ${escapeHtml(doc.title)}</title>
<style>${REPORT_CSS}</style>
${jsonLd}</head>
<body>
<main class="report">
<header class="masthead">
<div class="kicker">${text(data.workspace.name)} · Fact-check report</div>
<h1 dir="auto">${escapeHtml(doc.title)}</h1>
<dl class="doc-meta"><dt>Outlet</dt><dd>${text(doc.outlet)}</dd><dt>Author</dt><dd>${text(doc.author)}</dd><dt>Published</dt><dd>${formatDate(doc.publishedAt)}</dd><dt>Source</dt><dd>${doc.sourceUrl ? link(doc.sourceUrl, null) : '—'}</dd><dt>Report date</dt><dd>${formatDateTime(data.generatedAt)}</dd><dt>Text version</dt><dd class="text-version" style="overflow-wrap:anywhere">${textVersionLine(data, (name) => `“${text(name)}”`)}</dd><dt>Scope</dt><dd>${scopeNote}</dd></dl>
</header>
<section class="summary">
<h2>Summary</h2>
<p>${claims.length} claim${claims.length === 1 ? '' : 's'} in this report.</p>
<div class="charts">${summaryChartSvg('Claims by verdict', prepared.byVerdict)}${summaryChartSvg('Claims by status', prepared.byStatus)}</div>
${team ? `<h3>Review team</h3><ul class="team">${team}</ul>` : ''}
</section>
${agreementSection(data)}<section class="claims"><h2>Claims</h2>
${claims.map((claim) => claimSection(prepared, claim)).join('\n')}
</section>
${prepared.article ? articleSection(prepared.article) : ''}
<footer class="colophon">Generated by Factdesk on ${formatDate(data.generatedAt)}.</footer>
</main>
</body>
</html>
`;
}
