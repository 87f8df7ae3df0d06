// The PDF report, drawn by pdfkit with embedded DejaVu fonts (Latin, Greek, Cyrillic; Hebrew
// and Arabic from DejaVu Sans). Every piece of user text is laid out by drawParagraph, so
// right-to-left paragraphs read in the right order and are right-aligned.
import { createRequire } from 'node:module';
import { displayHost, displayUrl, type ReportClaim } from '@factdesk/model';
import PDFDocument from 'pdfkit';
import type { ArticlePiece, ArticleViewBlock } from './articleView.ts';
import { linkFlag } from './linkFlag.ts';
import { drawParagraph, type ParagraphOptions, type PdfSpan } from './pdfParagraph.ts';
import {
  approverText,
  formatDate,
  formatRating,
  type PreparedReport,
  reusedFromText,
  type SummaryBar,
  statusLabel,
} from './prepareReport.ts';
import { safeUrl } from './safeUrl.ts';
import { formatDateTime, textVersionLine } from './textVersion.ts';
import { timeToVerdictText } from './timeToVerdict.ts';

const require = createRequire(import.meta.url);
const font = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);
const FONTS = {
  Regular: font('DejaVuSans'),
  Bold: font('DejaVuSans-Bold'),
  Serif: font('DejaVuSerif'),
  Italic: font('DejaVuSerif-Italic'),
  SerifBold: font('DejaVuSerif-Bold'),
  SerifBoldItalic: font('DejaVuSerif-BoldItalic'),
  Mono: font('DejaVuSansMono'),
};
const INK = '#1b1f24';
const MUTED = '#5b6470';
const ACCENT = '#0b4f8a';

type Doc = PDFKit.PDFDocument;

/** DejaVu Serif and Mono have no Arabic or Hebrew letters: DejaVu Sans of the same weight has. */
function fallback(name: string): string {
  return /Bold/.test(name) ? 'Bold' : 'Regular';
}

function bounds(doc: Doc, indent = 0): ParagraphOptions {
  const left = doc.page.margins.left + indent;
  return { x: left, width: doc.page.width - doc.page.margins.right - left, fallback };
}

function paragraph(doc: Doc, spans: PdfSpan[], options: Partial<ParagraphOptions> = {}) {
  return drawParagraph(doc, spans, { ...bounds(doc), ...options });
}

const span = (text: string, fontName: string, size: number, color = INK): PdfSpan => ({
  text,
  font: fontName,
  size,
  color,
});

/** Rationale Markdown shown as plain text: emphasis marks removed, link targets readable. */
function plainMarkdown(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, (_m, label: string, url: string) => {
      const href = safeUrl(url);
      return href ? `${label} (${displayUrl(href)})` : label;
    })
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

/** "Label: value" — a left-to-right line in which a right-to-left value keeps its order. */
function field(doc: Doc, label: string, value: string, link?: string | null): void {
  const shown: PdfSpan = { ...span(value || '—', 'Regular', 9, link ? ACCENT : INK) };
  if (link) shown.link = link;
  paragraph(doc, [span(`${label}: `, 'Bold', 9, MUTED), shown], { direction: 'ltr' });
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
  paragraph(
    doc,
    [
      span(`CLAIM ${claim.number}   `, 'Bold', 9, MUTED),
      span(formatRating(claim, prepared.data), 'Bold', 9, ACCENT),
    ],
    { direction: 'ltr' },
  );
  if (claim.orphaned) {
    paragraph(doc, [
      span(
        'Orphaned: the passage is no longer in the article; original quote shown.',
        'Bold',
        9,
        '#a35a00',
      ),
    ]);
  }
  doc.moveDown(0.3);
  paragraph(doc, [
    span(claim.context.before, 'Italic', 10, MUTED),
    { ...span(claim.quote.exact, 'Italic', 10), highlight: true },
    span(claim.context.after, 'Italic', 10, MUTED),
  ]);
  doc.moveDown(0.3);
  paragraph(doc, [span(claim.statement, 'Bold', 13)]);
  doc.moveDown(0.3);
  field(doc, 'Claimant', claim.claimant ? `${claim.claimant.name} (${claim.claimant.kind})` : '—');
  field(doc, 'Status', statusLabel(claim.status));
  field(doc, 'Reviewers', claim.reviewers.join(', '));
  field(doc, 'Approved by', approverText(claim) ?? '—');
  const reused = reusedFromText(claim);
  if (reused) field(doc, 'Reused from', reused);
  field(
    doc,
    'Dates',
    `created ${formatDate(claim.createdAt)} · proposed ${formatDate(claim.proposedAt)} · approved ${formatDate(claim.approvedAt)}`,
  );
  const timeToVerdict = timeToVerdictText(claim);
  if (timeToVerdict) field(doc, 'Time to verdict', timeToVerdict);
  if (claim.rationale) {
    doc.moveDown(0.3);
    for (const line of plainMarkdown(claim.rationale).split(/\n+/)) {
      if (line.trim()) paragraph(doc, [span(line, 'Serif', 10.5)]);
    }
  }
  if (prepared.data.options.evidence && claim.evidence.length > 0) {
    doc.moveDown(0.3);
    paragraph(doc, [span('Evidence', 'Bold', 10)]);
    for (const evidence of claim.evidence) {
      const href = safeUrl(evidence.url);
      const title: PdfSpan = span(
        evidence.title || (href ? displayUrl(href) : evidence.url),
        'Regular',
        9,
        href ? ACCENT : INK,
      );
      if (href) title.link = href;
      paragraph(doc, [span(`${evidence.stance.toUpperCase()}  `, 'Bold', 9, MUTED), title]);
      const meta = [
        evidence.publisher,
        evidence.kind.replace(/_/g, ' '),
        href ? displayUrl(href) : evidence.url,
      ];
      const archived = safeUrl(evidence.archivedUrl);
      if (archived) meta.push(`archived: ${displayUrl(archived)}`);
      paragraph(doc, [span(meta.filter(Boolean).join(' · '), 'Regular', 8, MUTED)]);
      const flag = linkFlag(evidence.link);
      if (flag) {
        const now = flag.finalUrl ? ` — now at ${displayUrl(flag.finalUrl)}` : '';
        paragraph(doc, [
          span(flag.label, 'Bold', 8, INK),
          span(`${now}${flag.note ? ` (${flag.note})` : ''}`, 'Regular', 8, INK),
        ]);
      }
      if (evidence.excerpt) paragraph(doc, [span(`“${evidence.excerpt}”`, 'Italic', 8.5, MUTED)]);
    }
  }
}

const SERIF_FONTS: Record<string, string> = {
  '': 'Serif',
  bold: 'SerifBold',
  italic: 'Italic',
  'bold,italic': 'SerifBoldItalic',
};

function pieceFont(piece: ArticlePiece, heading: boolean): string {
  if (piece.marks.includes('code')) return 'Mono';
  if (heading) return 'Bold';
  const key = piece.marks.filter((m) => m === 'bold' || m === 'italic').join();
  return SERIF_FONTS[key] ?? 'Serif';
}

/** One article block's spans: marks as fonts, links blue (their host after them), highlights. */
function articleSpans(view: ArticleViewBlock, size: number): PdfSpan[] {
  const spans: PdfSpan[] = [];
  const heading = view.block.kind === 'heading';
  for (const group of view.groups) {
    const href = group.href;
    const ref = (numbers: number[]) => {
      if (numbers.length) spans.push(span(` [${numbers.join(', ')}]`, 'Bold', size * 0.75, ACCENT));
    };
    if (group.label && href) {
      spans.push({ ...span(group.label, 'Serif', size, ACCENT), link: href });
      continue;
    }
    for (const piece of group.pieces) {
      const item: PdfSpan = span(piece.text, pieceFont(piece, heading), size, href ? ACCENT : INK);
      if (href) item.link = href;
      if (piece.claims.length) item.highlight = true;
      spans.push(item);
      if (!href) ref(piece.ends);
    }
    if (href) {
      // A PDF reader cannot hover a link: say where it goes.
      const host = /^https?:/.test(href) ? displayHost(href) : href.replace(/^mailto:/, '');
      spans.push(span(` (${host})`, 'Regular', size * 0.75, MUTED));
      ref([...new Set(group.pieces.flatMap((piece) => piece.ends))]);
    }
  }
  return spans;
}

const HEADING_SIZES = [16, 14, 12.5, 11.5, 11, 10.5];

function drawArticle(doc: Doc, article: ArticleViewBlock[]): void {
  const started = new Set<string>();
  for (const view of article) {
    const { block } = view;
    let indent = 0;
    let quoteDepth = 0;
    let key = '';
    let list = 0;
    let marker: string | null = null;
    for (const container of block.containers) {
      key += `/${container.kind}${container.index}`;
      if (container.kind === 'blockquote') {
        indent += 14;
        quoteDepth += 1;
      } else if (container.kind === 'orderedList') list = container.start ?? 1;
      else if (container.kind === 'bulletList') list = 0;
      else if (container.kind === 'listItem') {
        indent += 18;
        marker = started.has(key) ? null : list ? `${list + container.index}.` : '•';
        started.add(key);
      }
    }
    const options = bounds(doc, indent);
    if (block.kind === 'horizontalRule') {
      doc.moveDown(0.3);
      doc
        .moveTo(options.x, doc.y)
        .lineTo(options.x + options.width, doc.y)
        .lineWidth(0.5)
        .strokeColor('#d9dde3')
        .stroke();
      doc.moveDown(0.6);
      continue;
    }
    const size = block.kind === 'heading' ? (HEADING_SIZES[(block.level ?? 1) - 1] ?? 11) : 10.5;
    if (block.kind === 'heading') doc.moveDown(0.3);
    const top = doc.y;
    const { rtl, firstLineY } = drawParagraph(doc, articleSpans(view, size), options);
    const after = doc.y;
    if (marker) {
      const x = rtl ? options.x + options.width + 4 : options.x - 14;
      doc.font('Regular').fontSize(size).fillColor(MUTED).text(marker, x, firstLineY, {
        lineBreak: false,
      });
      doc.y = after;
    }
    if (quoteDepth > 0) {
      const barX = doc.page.margins.left + (quoteDepth - 1) * 14 + 4;
      const from = firstLineY >= top ? firstLineY : doc.page.margins.top;
      doc
        .moveTo(barX, from)
        .lineTo(barX, after - 2)
        .lineWidth(2)
        .strokeColor('#d9dde3')
        .stroke();
    }
    doc.y += 4;
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
  for (const [name, path] of Object.entries(FONTS)) doc.registerFont(name, path);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  paragraph(doc, [
    span(`${data.workspace.name.toUpperCase()} · FACT-CHECK REPORT`, 'Bold', 9, ACCENT),
  ]);
  doc.moveDown(0.3);
  paragraph(doc, [span(data.document.title, 'Bold', 22)]);
  doc.moveDown(0.5);
  field(doc, 'Outlet', data.document.outlet ?? '—');
  field(doc, 'Author', data.document.author ?? '—');
  field(doc, 'Published', formatDate(data.document.publishedAt));
  const source = safeUrl(data.document.sourceUrl);
  field(doc, 'Source', source ? displayUrl(source) : (data.document.sourceUrl ?? '—'), source);
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
  if (prepared.article) {
    doc.addPage();
    doc.font('Bold').fontSize(11).fillColor(INK).text('ANNOTATED ARTICLE', left);
    doc.moveDown(0.5);
    drawArticle(doc, prepared.article);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
