// The PDF report, drawn by pdfkit with embedded DejaVu fonts (Latin, Greek, Cyrillic, Hebrew, Arabic).
import { createRequire } from 'node:module';
import type { ReportClaim } from '@factdesk/model';
import PDFDocument from 'pdfkit';
import {
  approverText,
  formatDate,
  formatRating,
  type PreparedReport,
  type SummaryBar,
  statusLabel,
} from './prepareReport.ts';
import { safeUrl } from './safeUrl.ts';
import { formatDateTime, textVersionLine } from './textVersion.ts';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  serif: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf'),
};
const INK = '#1b1f24';
const MUTED = '#5b6470';
const ACCENT = '#0b4f8a';

type Doc = PDFKit.PDFDocument;

/** Rationale Markdown shown as plain text: emphasis marks and link syntax removed. */
function plainMarkdown(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, (_m, label: string, url: string) =>
      safeUrl(url) ? `${label} (${url})` : label,
    )
    .replace(/[*_`]{1,3}/g, '')
    .replace(/^#+\s*/gm, '');
}

function chart(doc: Doc, title: string, bars: SummaryBar[], x: number, y: number): number {
  const labelWidth = 105;
  const barWidth = 110;
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  doc.font('Bold').fontSize(10).fillColor(INK).text(title, x, y);
  let row = y + 18;
  for (const bar of bars) {
    doc
      .font('Regular')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(bar.label, x, row, { width: labelWidth - 4, lineBreak: false, ellipsis: true });
    const width = Math.max(0.5, (bar.count / max) * barWidth);
    doc.rect(x + labelWidth, row, width, 9).fill(ACCENT);
    doc
      .fillColor(MUTED)
      .text(String(bar.count), x + labelWidth + width + 4, row, { lineBreak: false });
    row += 15;
  }
  return row;
}

function field(doc: Doc, label: string, value: string): void {
  doc.font('Bold').fontSize(9).fillColor(MUTED).text(`${label}: `, { continued: true });
  doc
    .font('Regular')
    .fillColor(INK)
    .text(value || '—');
}

function claimBlock(doc: Doc, prepared: PreparedReport, claim: ReportClaim): void {
  if (doc.y > doc.page.height - 200) doc.addPage();
  doc.moveDown(0.8);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.5)
    .strokeColor('#d9dde3')
    .stroke();
  doc.moveDown(0.5);
  doc
    .font('Bold')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`CLAIM ${claim.number}`, left, doc.y, { continued: true });
  doc.fillColor(ACCENT).text(`   ${formatRating(claim, prepared.data)}`);
  if (claim.orphaned) {
    doc
      .font('Bold')
      .fontSize(9)
      .fillColor('#a35a00')
      .text('Orphaned: the passage is no longer in the article; original quote shown.');
  }
  doc.moveDown(0.3);
  doc
    .font('Italic')
    .fontSize(10)
    .fillColor(MUTED)
    .text(`…${claim.quote.prefix}`, { continued: true });
  doc.fillColor(INK).text(claim.quote.exact, { continued: true });
  doc.fillColor(MUTED).text(`${claim.quote.suffix}…`);
  doc.moveDown(0.3);
  doc.font('Bold').fontSize(13).fillColor(INK).text(claim.statement);
  doc.moveDown(0.3);
  field(doc, 'Claimant', claim.claimant ? `${claim.claimant.name} (${claim.claimant.kind})` : '—');
  field(doc, 'Status', statusLabel(claim.status));
  field(doc, 'Reviewers', claim.reviewers.join(', '));
  field(doc, 'Approved by', approverText(claim) ?? '—');
  field(
    doc,
    'Dates',
    `created ${formatDate(claim.createdAt)} · proposed ${formatDate(claim.proposedAt)} · approved ${formatDate(claim.approvedAt)}`,
  );
  if (claim.rationale) {
    doc.moveDown(0.3);
    doc.font('Serif').fontSize(10.5).fillColor(INK).text(plainMarkdown(claim.rationale));
  }
  if (prepared.data.options.evidence && claim.evidence.length > 0) {
    doc.moveDown(0.3);
    doc.font('Bold').fontSize(10).fillColor(INK).text('Evidence');
    for (const evidence of claim.evidence) {
      const href = safeUrl(evidence.url);
      doc
        .font('Bold')
        .fontSize(9)
        .fillColor(MUTED)
        .text(`${evidence.stance.toUpperCase()}  `, { continued: true });
      doc
        .font('Regular')
        .fillColor(href ? ACCENT : INK)
        .text(evidence.title || evidence.url, {
          link: href ?? undefined,
          continued: false,
        });
      const meta = [evidence.publisher, evidence.kind.replace(/_/g, ' '), href ?? evidence.url];
      const archived = safeUrl(evidence.archivedUrl);
      if (archived) meta.push(`archived: ${archived}`);
      doc.font('Regular').fontSize(8).fillColor(MUTED).text(meta.filter(Boolean).join(' · '));
      if (evidence.excerpt) doc.font('Italic').fontSize(8.5).text(`“${evidence.excerpt}”`);
    }
  }
}

export async function renderPdf(prepared: PreparedReport): Promise<Uint8Array> {
  const { data, claims } = prepared;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: {
      Title: `Fact-check report: ${data.document.title}`,
      Author: data.workspace.name,
      CreationDate: new Date(data.generatedAt),
    },
    lang: data.document.language ?? 'en',
    bufferPages: false,
  });
  doc.registerFont('Regular', FONTS.regular);
  doc.registerFont('Bold', FONTS.bold);
  doc.registerFont('Serif', FONTS.serif);
  doc.registerFont('Italic', FONTS.italic);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  doc
    .font('Bold')
    .fontSize(9)
    .fillColor(ACCENT)
    .text(`${data.workspace.name.toUpperCase()} · FACT-CHECK REPORT`);
  doc.moveDown(0.3);
  doc.font('Bold').fontSize(22).fillColor(INK).text(data.document.title);
  doc.moveDown(0.5);
  field(doc, 'Outlet', data.document.outlet ?? '—');
  field(doc, 'Author', data.document.author ?? '—');
  field(doc, 'Published', formatDate(data.document.publishedAt));
  field(doc, 'Source', safeUrl(data.document.sourceUrl) ?? data.document.sourceUrl ?? '—');
  field(doc, 'Report date', formatDateTime(data.generatedAt));
  field(
    doc,
    'Text version',
    textVersionLine(data, (name) => `“${name}”`),
  );
  field(doc, 'Scope', data.options.scope === 'approved' ? 'approved claims only' : 'all claims');
  if (data.team.length > 0) {
    field(doc, 'Review team', data.team.map((m) => `${m.name} (${m.roles.join(', ')})`).join('; '));
  }
  doc.moveDown(0.8);
  doc.font('Bold').fontSize(11).fillColor(INK).text('SUMMARY', left);
  doc
    .font('Regular')
    .fontSize(9)
    .text(`${claims.length} claim${claims.length === 1 ? '' : 's'} in this report.`);
  const top = doc.y + 6;
  const bottom = Math.max(
    chart(doc, 'Claims by verdict', prepared.byVerdict, left, top),
    chart(doc, 'Claims by status', prepared.byStatus, left + 250, top),
  );
  doc.x = left;
  doc.y = bottom + 8;
  doc.font('Bold').fontSize(11).fillColor(INK).text('CLAIMS', left);
  for (const claim of claims) claimBlock(doc, prepared, claim);
  if (data.article) {
    doc.addPage();
    doc.font('Bold').fontSize(11).fillColor(INK).text('ANNOTATED ARTICLE');
    doc.moveDown(0.5);
    const numbers = new Map(claims.map((claim) => [claim.id, claim.number]));
    const highlights = data.article.highlights
      .filter((h) => numbers.has(h.claimId) && h.to > h.from)
      .sort((a, b) => a.from - b.from);
    for (const block of data.article.blocks) {
      const pieces: { text: string; mark?: number }[] = [];
      let cursor = block.from;
      for (const h of highlights) {
        const from = Math.max(h.from, cursor);
        const to = Math.min(h.to, block.to);
        if (to <= from) continue;
        pieces.push({ text: data.article.text.slice(cursor, from) });
        pieces.push({ text: data.article.text.slice(from, to), mark: numbers.get(h.claimId) });
        cursor = to;
      }
      pieces.push({ text: data.article.text.slice(cursor, block.to) });
      const size = block.kind === 'heading' ? 13 : 10.5;
      const font = block.kind === 'heading' ? 'Bold' : block.kind === 'quote' ? 'Italic' : 'Serif';
      const parts = pieces.filter((p) => p.text.length > 0);
      if (block.kind === 'listItem') parts.unshift({ text: '• ' });
      parts.forEach((piece, index) => {
        const last = index === parts.length - 1;
        doc
          .font(font)
          .fontSize(size)
          .fillColor(piece.mark ? ACCENT : INK);
        doc.text(piece.mark ? `${piece.text} [${piece.mark}]` : piece.text, { continued: !last });
      });
      doc.moveDown(0.4);
    }
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
