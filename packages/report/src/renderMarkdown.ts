// The Markdown report: plain text that reads well raw and renders well on GitHub and the like.
import type { ReportClaim } from '@factdesk/model';
import {
  approverText,
  formatDate,
  formatRating,
  type PreparedReport,
  statusLabel,
} from './prepareReport.ts';
import { rationaleMarkdown } from './rationaleMarkdown.ts';
import { safeUrl } from './safeUrl.ts';
import { formatDateTime, textVersionLine } from './textVersion.ts';

/** User text on one line with every Markdown metacharacter (and any HTML) made literal. */
export function escapeMarkdown(value: string): string {
  return (
    value
      .replace(/[\r\n]+/g, ' ')
      // Inline syntax, HTML and entities, and table cell separators; "!" too, or text ending
      // in "!" before a link we write ("![…](…)") would make that link an image.
      .replace(/[\\`*_{}[\]<>|~&!]/g, (char) => `\\${char}`)
      // Bare URLs would be autolinked by GitHub, javascript: ones included in some renderers.
      .replace(/:\/\//g, '\\://')
      // …and so would protocol-relative "//host/path" (linkify and others read it as a link).
      .replace(/\/\//g, '/\\/')
      // Block syntax only counts at the start of a line.
      .replace(/^(\s*)([#>+\-=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}

function link(url: string | null, label: string | null): string {
  const href = safeUrl(url);
  const shown = escapeMarkdown(label || url || '');
  // Angle brackets keep spaces and parentheses in the URL from ending the link early.
  return href ? `[${shown}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)` : shown;
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
  lines.push(
    `**Dates:** created ${formatDate(claim.createdAt)} · proposed ${formatDate(claim.proposedAt)} · approved ${formatDate(claim.approvedAt)}`,
    '',
  );
  if (claim.orphaned) {
    lines.push(
      '> **Orphaned:** the passage is no longer in the article; original quote below.',
      '',
    );
  }
  lines.push(
    `> …${escapeMarkdown(claim.quote.prefix)}**${escapeMarkdown(claim.quote.exact)}**${escapeMarkdown(claim.quote.suffix)}…`,
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
    `**Source:** ${doc.sourceUrl ? link(doc.sourceUrl, doc.sourceUrl) : '—'}  `,
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
  if (data.article) {
    lines.push('## Article', '');
    for (const block of data.article.blocks) {
      const body = escapeMarkdown(data.article.text.slice(block.from, block.to));
      if (block.kind === 'heading')
        lines.push(`${'#'.repeat(Math.min(6, (block.level ?? 1) + 2))} ${body}`);
      else if (block.kind === 'quote') lines.push(`> ${body}`);
      else if (block.kind === 'listItem') lines.push(`- ${body}`);
      else lines.push(body);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
