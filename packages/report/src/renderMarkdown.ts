// The Markdown report: plain text that reads well raw and renders well on GitHub and the like.
import { displayUrl, type ReportClaim } from '@factdesk/model';
import type { ArticlePiece, ArticleViewBlock } from './articleView.ts';
import { linkFlag } from './linkFlag.ts';
import {
  approverText,
  formatDate,
  formatRating,
  type PreparedReport,
  reusedFromText,
  statusLabel,
} from './prepareReport.ts';
import { rationaleMarkdown } from './rationaleMarkdown.ts';
import { safeUrl } from './safeUrl.ts';
import { formatDateTime, textVersionLine } from './textVersion.ts';
import { timeToVerdictText } from './timeToVerdict.ts';

/** User text on one line with every Markdown metacharacter (and any HTML) made literal. */
export function escapeMarkdown(value: string): string {
  return (
    value
      .replace(/[\r\n]+/g, ' ')
      // Inline syntax, HTML and entities, and table cell separators. (A "!" just before a link
      // we write is escaped where the link is written.)
      .replace(/[\\`*_{}[\]<>|~&]/g, (char) => `\\${char}`)
      // Bare URLs would be autolinked by GitHub, javascript: ones included in some renderers.
      .replace(/:\/\//g, '\\://')
      // …and so would protocol-relative "//host/path" (linkify and others read it as a link).
      .replace(/\/\//g, '/\\/')
      // Block syntax only counts at the start of a line.
      .replace(/^(\s*)([#>+\-=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}

/**
 * A checked URL as a link's text, readable raw: its host in Unicode where safe (displayUrl) and
 * "://" left alone — inside a link's brackets no renderer looks for further links — with every
 * other Markdown metacharacter escaped. displayUrl never yields white space, "<", ">" or "\\".
 */
function urlLabel(href: string): string {
  return displayUrl(href).replace(/[\\`*_{}[\]<>|~&]/g, (char) => `\\${char}`);
}

/** Angle brackets keep spaces and parentheses in the URL from ending the link early. */
function target(href: string): string {
  return `<${href.replace(/[<>\s]/g, encodeURIComponent)}>`;
}

/** A link when the URL is http(s), shown by `label` or else by the URL itself, readable. */
function link(url: string | null, label: string | null): string {
  const href = safeUrl(url);
  if (!href) return escapeMarkdown(label || url || '');
  return `[${label ? escapeMarkdown(label) : urlLabel(href)}](${target(href)})`;
}

const MARK_DELIMITERS: Record<ArticlePiece['marks'][number], string> = {
  bold: '**',
  italic: '*',
  strike: '~~',
  code: '',
};
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** "12" → "¹²": the claim a highlight belongs to, after its closing bracket. */
function superscript(number: number): string {
  return [...String(number)].map((digit) => SUPERSCRIPT[Number(digit)] ?? digit).join('');
}

/** Inline code as a code span whose fence no backtick run inside can close; never parsed. */
function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}

/**
 * One block's inline Markdown: marks as delimiters (white space kept outside them, so they
 * always open and close), highlights as "\\[…\\]¹" with the claim's number, links as
 * [text](<href>), hard breaks as a backslash line break continued with `continuation`.
 */
function blockInline(view: ArticleViewBlock, continuation: string): string {
  let out = '';
  // Code text waiting to be written: neighbouring code pieces become one code span, since two
  // spans side by side ("`a``b`") would merge their backticks into one fence and open a hole.
  let code: string | null = null;
  const flush = () => {
    if (code !== null) out += codeSpan(code);
    code = null;
  };
  const emit = (value: string) => {
    if (value === '') return;
    flush();
    out += value;
  };
  let open: ArticlePiece['marks'] = [];
  let claims: number[] = [];
  const closeMarks = () => {
    for (const mark of [...open].reverse()) emit(MARK_DELIMITERS[mark]);
    open = [];
  };
  const text = (value: string) =>
    value
      .split('\n')
      .map((line) => escapeMarkdown(line))
      .join(`\\\n${continuation}`);
  for (const group of view.groups) {
    if (group.href) {
      closeMarks();
      const inside = [...new Set(group.pieces.flatMap((piece) => piece.claims))];
      emit('\\['.repeat(inside.filter((n) => !claims.includes(n)).length));
      flush();
      let label = group.label ? urlLabel(group.href) : '';
      if (!group.label) {
        let labelCode: string | null = null;
        for (const piece of group.pieces) {
          if (piece.marks.includes('code')) labelCode = (labelCode ?? '') + piece.text;
          else {
            if (labelCode !== null) label += codeSpan(labelCode);
            labelCode = null;
            label += text(piece.text);
          }
        }
        if (labelCode !== null) label += codeSpan(labelCode);
      }
      // "!" just before "[" would turn the link into an image.
      if (out.endsWith('!')) out = `${out.slice(0, -1)}\\!`;
      emit(`[${label}](${target(group.href)})`);
      const ends = [...new Set(group.pieces.flatMap((piece) => piece.ends))];
      if (ends.length) emit(`\\]${ends.map(superscript).join(',')}`);
      claims = inside.filter((n) => !ends.includes(n));
      continue;
    }
    for (const piece of group.pieces) {
      const opening = piece.claims.filter((n) => !claims.includes(n));
      if (opening.length) {
        closeMarks();
        emit('\\['.repeat(opening.length));
      }
      claims = piece.claims.filter((n) => !piece.ends.includes(n));
      if (piece.marks.includes('code')) {
        closeMarks();
        code = (code ?? '') + piece.text;
      } else {
        const wanted = piece.marks.filter((mark) => mark !== 'code');
        if (wanted.join() !== open.join()) closeMarks();
        const body = text(piece.text);
        const lead = body.match(/^\s*/)?.[0] ?? '';
        const trail = body.slice(lead.length).match(/\s*$/)?.[0] ?? '';
        const core = body.slice(lead.length, body.length - trail.length);
        if (core === '') emit(body);
        else {
          emit(lead);
          if (open.length === 0) {
            for (const mark of wanted) emit(MARK_DELIMITERS[mark]);
            open = wanted;
          }
          emit(core);
          if (trail) {
            closeMarks();
            emit(trail);
          }
        }
      }
      if (piece.ends.length) {
        closeMarks();
        emit(`\\]${piece.ends.map(superscript).join(',')}`);
      }
    }
  }
  closeMarks();
  flush();
  return out;
}

/** The annotated article: block quotes as "> ", list items as "- " or "3. ", headings. */
function articleMarkdown(article: ArticleViewBlock[]): string[] {
  const lines: string[] = [];
  const started = new Set<string>();
  for (const view of article) {
    const { block } = view;
    let prefix = '';
    let continuation = '';
    let key = '';
    let list = 0;
    for (const container of block.containers) {
      key += `/${container.kind}${container.index}`;
      if (container.kind === 'blockquote') {
        prefix += '> ';
        continuation += '> ';
      } else if (container.kind === 'orderedList') list = container.start ?? 1;
      else if (container.kind === 'bulletList') list = 0;
      else if (container.kind === 'listItem') {
        const marker = list ? `${list + container.index}. ` : '- ';
        prefix += started.has(key) ? ' '.repeat(marker.length) : marker;
        continuation += ' '.repeat(marker.length);
        started.add(key);
      }
    }
    if (block.kind === 'horizontalRule') lines.push(`${prefix}---`);
    else {
      const body = blockInline(view, continuation);
      if (block.kind === 'heading') {
        lines.push(`${prefix}${'#'.repeat(Math.min(6, (block.level ?? 1) + 2))} ${body}`);
      } else lines.push(`${prefix}${body}`);
    }
    lines.push('');
  }
  return lines;
}

function claimBlock(prepared: PreparedReport, claim: ReportClaim): string[] {
  const lines: string[] = [];
  lines.push(`### Claim ${claim.number}: ${escapeMarkdown(claim.statement)}`, '');
  lines.push(`**Verdict:** ${escapeMarkdown(formatRating(claim, prepared.data))}  `);
  lines.push(`**Status:** ${statusLabel(claim.status)}  `);
  lines.push(
    `**Claimant:** ${claim.claimant ? `${escapeMarkdown(claim.claimant.name)} (${claim.claimant.kind})` : '—'}  `,
  );
  lines.push(`**Reviewers:** ${claim.reviewers.map(escapeMarkdown).join(', ') || '—'}  `);
  lines.push(
    `**Approved by:** ${claim.approver ? escapeMarkdown(approverText(claim) ?? '') : '—'}  `,
  );
  const reused = reusedFromText(claim);
  if (reused) lines.push(`**Reused from:** ${escapeMarkdown(reused)}  `);
  const timeToVerdict = timeToVerdictText(claim);
  lines.push(
    `**Dates:** created ${formatDate(claim.createdAt)} · proposed ${formatDate(claim.proposedAt)} · approved ${formatDate(claim.approvedAt)}${timeToVerdict ? '  ' : ''}`,
    ...(timeToVerdict ? [`**Time to verdict:** ${escapeMarkdown(timeToVerdict)}`] : []),
    '',
  );
  if (claim.orphaned) {
    lines.push(
      '> **Orphaned:** the passage is no longer in the article; original quote below.',
      '',
    );
  }
  lines.push(
    `> ${escapeMarkdown(claim.context.before)}**${escapeMarkdown(claim.quote.exact)}**${escapeMarkdown(claim.context.after)}`,
    '',
  );
  if (claim.rationale) lines.push(rationaleMarkdown(claim.rationale, escapeMarkdown), '');
  if (prepared.data.options.evidence && claim.evidence.length > 0) {
    lines.push('**Evidence**', '');
    for (const evidence of claim.evidence) {
      const parts = [`${evidence.stance}: ${link(evidence.url, evidence.title)}`];
      if (evidence.publisher) parts.push(escapeMarkdown(evidence.publisher));
      parts.push(evidence.kind.replace(/_/g, ' '));
      if (safeUrl(evidence.archivedUrl)) parts.push(link(evidence.archivedUrl, 'archived copy'));
      const flag = linkFlag(evidence.link);
      if (flag) {
        const now = flag.finalUrl ? ` — now at ${link(flag.finalUrl, null)}` : '';
        parts.push(`**${flag.label}**${now}${flag.note ? ` (${flag.note})` : ''}`);
      }
      lines.push(`- ${parts.join(' · ')}`);
      if (evidence.excerpt) lines.push(`  > ${escapeMarkdown(evidence.excerpt)}`);
    }
    lines.push('');
  }
  return lines;
}

export function renderMarkdown(prepared: PreparedReport): string {
  const { data, claims } = prepared;
  const doc = data.document;
  const lines: string[] = [
    `# Fact-check report: ${escapeMarkdown(doc.title)}`,
    '',
    `**Published by:** ${link(data.workspace.url, data.workspace.name)}  `,
    `**Outlet:** ${doc.outlet ? escapeMarkdown(doc.outlet) : '—'}  `,
    `**Author:** ${doc.author ? escapeMarkdown(doc.author) : '—'}  `,
    `**Published:** ${formatDate(doc.publishedAt)}  `,
    `**Source:** ${doc.sourceUrl ? link(doc.sourceUrl, null) : '—'}  `,
    `**Report date:** ${formatDateTime(data.generatedAt)}  `,
    `**Text version:** ${textVersionLine(data, (name) => `“${escapeMarkdown(name)}”`)}  `,
    `**Scope:** ${data.options.scope === 'approved' ? 'approved claims only' : 'all claims'}`,
    '',
    '## Summary',
    '',
    '| Verdict | Claims |',
    '| --- | ---: |',
    ...prepared.byVerdict.map((bar) => `| ${escapeMarkdown(bar.label)} | ${bar.count} |`),
    '',
    '| Status | Claims |',
    '| --- | ---: |',
    ...prepared.byStatus.map((bar) => `| ${bar.label} | ${bar.count} |`),
    '',
  ];
  if (data.team.length > 0) {
    lines.push('**Review team:** ', '');
    for (const member of data.team) {
      lines.push(
        `- ${escapeMarkdown(member.name)} (${member.roles.map(escapeMarkdown).join(', ')})`,
      );
    }
    lines.push('');
  }
  lines.push('## Claims', '');
  for (const claim of claims) lines.push(...claimBlock(prepared, claim));
  if (prepared.article) lines.push('## Article', '', ...articleMarkdown(prepared.article));
  return `${lines.join('\n').trimEnd()}\n`;
}
