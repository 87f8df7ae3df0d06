// Article JSON → HTML (sanitised, for viewing old versions and the report) and → Markdown
// (CommonMark with GFM strikethrough), through the same schema the editor uses.
import { DOMSerializer, type Node as PMNode } from '@tiptap/pm/model';
import { Window } from 'happy-dom';
import {
  defaultMarkdownSerializer,
  MarkdownSerializer,
  type MarkdownSerializerState,
} from 'prosemirror-markdown';
import { getArticleSchema, LINK_REL } from './articleExtensions.ts';
import { type ArticleJSON, articleNode } from './articleJSON.ts';
import { sanitizeArticleHtml } from './importArticle.ts';

type SerializeOptions = NonNullable<Parameters<DOMSerializer['serializeFragment']>[1]>;

export function articleToHtml(json: ArticleJSON): string {
  const node = articleNode(json);
  const window = new Window();
  try {
    const document = window.document;
    const container = document.createElement('div');
    // happy-dom's document stands in for the browser's one ProseMirror expects.
    const fragment = DOMSerializer.fromSchema(getArticleSchema()).serializeFragment(node.content, {
      document: document as unknown as SerializeOptions['document'],
    });
    container.appendChild(fragment as unknown as Parameters<typeof container.appendChild>[0]);
    // The schema's own output, sanitised again: what leaves the server is safe by construction.
    return sanitizeArticleHtml(container.innerHTML).replace(
      /<a href="([^"]*)">/g,
      `<a href="$1" rel="${LINK_REL}" target="_blank">`,
    );
  } finally {
    void window.happyDOM.close();
  }
}

const base = defaultMarkdownSerializer;

function orderedList(state: MarkdownSerializerState, node: PMNode) {
  const start = typeof node.attrs.start === 'number' ? node.attrs.start : 1;
  const maxWidth = String(start + node.childCount - 1).length;
  const space = state.repeat(' ', maxWidth + 2);
  state.renderList(node, space, (i) => {
    const number = String(start + i);
    return `${state.repeat(' ', maxWidth - number.length)}${number}. `;
  });
}

const serializer = new MarkdownSerializer(
  {
    doc: (state, node) => state.renderContent(node),
    paragraph: base.nodes.paragraph as MarkdownSerializer['nodes'][string],
    heading: base.nodes.heading as MarkdownSerializer['nodes'][string],
    blockquote: base.nodes.blockquote as MarkdownSerializer['nodes'][string],
    bulletList: (state, node) => state.renderList(node, '  ', () => '* '),
    orderedList,
    listItem: base.nodes.list_item as MarkdownSerializer['nodes'][string],
    horizontalRule: base.nodes.horizontal_rule as MarkdownSerializer['nodes'][string],
    hardBreak: base.nodes.hard_break as MarkdownSerializer['nodes'][string],
    text: base.nodes.text as MarkdownSerializer['nodes'][string],
  },
  {
    bold: base.marks.strong as MarkdownSerializer['marks'][string],
    italic: base.marks.em as MarkdownSerializer['marks'][string],
    link: base.marks.link as MarkdownSerializer['marks'][string],
    code: base.marks.code as MarkdownSerializer['marks'][string],
    strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
  },
);

export function articleToMarkdown(json: ArticleJSON): string {
  return serializer.serialize(articleNode(json), { tightLists: true });
}
