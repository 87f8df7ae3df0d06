// A rationale (Markdown a reviewer wrote) re-written as Markdown for the Markdown report with
// only safe links left. markdown-it parses it as any renderer would — inline links, reference
// definitions, <autolinks> and bare URLs all become link tokens — and the text is written back
// from those tokens: a link whose target passes the link rule (http, https, mailto) is written
// as [text](<href>), any other is its text alone, and every other character is escaped, so no
// renderer, whatever its settings, can find a link or HTML that was not written here.
import { LINK_PROTOCOLS, safeHref } from '@factdesk/model';
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
type Token = ReturnType<typeof markdown.parse>[number];
// Every target reaches the writer below, which decides; markdown-it's own check would drop
// javascript: links to text it no longer knows was a link.
markdown.validateLink = () => true;

type Escape = (value: string) => string;

function inline(tokens: Token[], escapeMarkdown: Escape): string {
  let out = '';
  const links: (string | null)[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        out += escapeMarkdown(token.content);
        break;
      case 'code_inline':
        out += escapeMarkdown(token.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        out += ' ';
        break;
      case 'strong_open':
      case 'strong_close':
        out += '**';
        break;
      case 'em_open':
      case 'em_close':
        out += '_';
        break;
      case 's_open':
      case 's_close':
        out += '~~';
        break;
      case 'link_open': {
        const href = safeHref(String(token.attrGet('href') ?? ''), LINK_PROTOCOLS);
        links.push(href);
        // "!" just before "[" would make the link an image (an external request, for a
        // renderer that shows images): the "!" is written escaped.
        if (href) out = `${out.endsWith('!') ? `${out.slice(0, -1)}\\!` : out}[`;
        break;
      }
      case 'link_close': {
        const href = links.pop();
        if (href) out += `](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
        break;
      }
      case 'image':
        out += escapeMarkdown(token.content);
        break;
      default:
        out += escapeMarkdown(token.content);
    }
  }
  return out;
}

/**
 * The rationale as safe Markdown: paragraphs, list items and quotes one per line; `escapeMarkdown`
 * is the report's escaping of user text (passed in, so this module does not import its caller).
 */
export function rationaleMarkdown(source: string, escapeMarkdown: Escape): string {
  const lines: string[] = [];
  const prefixes: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'blockquote_open') prefixes.push('> ');
    else if (token.type === 'blockquote_close') prefixes.pop();
    else if (token.type === 'list_item_open') prefixes.push('- ');
    else if (token.type === 'list_item_close') prefixes.pop();
    else if (token.type === 'inline' && token.children) {
      lines.push(`${prefixes.join('')}${inline(token.children, escapeMarkdown)}`);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      for (const line of token.content.split('\n')) {
        if (line !== '') lines.push(`${prefixes.join('')}${escapeMarkdown(line)}`);
      }
    }
  }
  return lines.join('\n\n');
}
