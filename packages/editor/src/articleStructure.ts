// The article's structure for the report: its text blocks (headings, paragraphs, rules) with
// the block quotes and lists around them and their text in runs of equal formatting, all as
// offsets into the same text claims anchor on (articleText). Read once from the Y.Doc, so
// every report format shows the same structure without walking the document again.
import {
  ARTICLE_MARKS,
  type ReportArticleBlock,
  type ReportArticleContainer,
  type ReportArticleRun,
  safeHref,
} from '@factdesk/model';
import * as Y from 'yjs';
import { ARTICLE_FIELD, getArticleSchema } from './articleExtensions.ts';

export interface ArticleStructure {
  /** Identical to articleText(doc).text. */
  text: string;
  blocks: ReportArticleBlock[];
}

type Mark = (typeof ARTICLE_MARKS)[number];
const MARKS: ReadonlySet<string> = new Set(ARTICLE_MARKS);
const CONTAINERS: ReadonlySet<string> = new Set([
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
]);

function runOf(from: number, to: number, attributes: Record<string, unknown> | undefined) {
  const marks = Object.keys(attributes ?? {})
    .filter((name): name is Mark => MARKS.has(name))
    .sort((a, b) => ARTICLE_MARKS.indexOf(a) - ARTICLE_MARKS.indexOf(b));
  const link = attributes?.link as { href?: unknown } | undefined;
  const href = safeHref(typeof link?.href === 'string' ? link.href : null);
  const run: ReportArticleRun = { from, to, marks };
  if (href) run.href = href;
  return run;
}

function sameFormat(a: ReportArticleRun, b: ReportArticleRun): boolean {
  return a.href === b.href && a.marks.join() === b.marks.join();
}

export function articleStructure(doc: Y.Doc): ArticleStructure {
  const schema = getArticleSchema();
  const blocks: ReportArticleBlock[] = [];
  let text = '';
  let textblocks = 0;

  const walkTextblock = (element: Y.XmlElement, containers: ReportArticleContainer[]) => {
    if (textblocks > 0) text += '\n';
    textblocks += 1;
    const from = text.length;
    const runs: ReportArticleRun[] = [];
    const push = (run: ReportArticleRun) => {
      if (run.to <= run.from) return;
      const last = runs.at(-1);
      if (last && last.to === run.from && sameFormat(last, run)) last.to = run.to;
      else runs.push(run);
    };
    for (const child of element.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as {
          insert: unknown;
          attributes?: Record<string, unknown>;
        }[]) {
          if (typeof op.insert !== 'string') continue;
          const start = text.length;
          text += op.insert;
          push(runOf(start, text.length, op.attributes));
        }
      } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
        const start = text.length;
        text += '\n';
        push(runOf(start, text.length, undefined));
      }
    }
    const block: ReportArticleBlock = {
      kind: element.nodeName === 'heading' ? 'heading' : 'paragraph',
      containers,
      from,
      to: text.length,
      runs,
    };
    if (block.kind === 'heading') {
      const level = Number(element.getAttribute('level'));
      block.level = Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 1;
    }
    blocks.push(block);
  };

  const walkContainer = (
    container: Y.XmlFragment | Y.XmlElement,
    path: ReportArticleContainer[],
  ) => {
    container.toArray().forEach((child, index) => {
      if (!(child instanceof Y.XmlElement)) return;
      if (schema.nodes[child.nodeName]?.isTextblock) {
        walkTextblock(child, path);
      } else if (child.nodeName === 'horizontalRule') {
        blocks.push({
          kind: 'horizontalRule',
          containers: path,
          from: text.length,
          to: text.length,
          runs: [],
        });
      } else {
        const next = [...path];
        if (CONTAINERS.has(child.nodeName)) {
          const container: ReportArticleContainer = {
            kind: child.nodeName as ReportArticleContainer['kind'],
            index,
          };
          if (child.nodeName === 'orderedList') {
            const start = Number(child.getAttribute('start') ?? 1);
            container.start = Number.isInteger(start) ? start : 1;
          }
          next.push(container);
        }
        walkContainer(child, next);
      }
    });
  };

  walkContainer(doc.getXmlFragment(ARTICLE_FIELD), []);
  return { text, blocks };
}
