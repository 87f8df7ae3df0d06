// A rationale's Markdown as safe HTML for the preview: no raw HTML, no images, links only to
// http(s) and mailto, each opening in a new tab without handing it this window.
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
// Images would fetch from anywhere the author points; the report renders none either.
markdown.disable('image');
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));

markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** The only HTML the panel puts into the page unescaped. */
export function renderRationale(source: string): string {
  return markdown.render(source);
}
