// Rationale Markdown → HTML with raw HTML disabled and only http(s)/mailto links kept.
import MarkdownIt from 'markdown-it';
import { safeUrl } from './safeUrl.ts';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
// markdown-it already refuses javascript:/vbscript:/data: links; we narrow it to http(s).
markdown.validateLink = (url: string) => safeUrl(url) !== null;
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('rel', 'noopener noreferrer');
    token.attrSet('target', '_blank');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Images would be external requests: show their alt text instead.
markdown.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx];
  return token ? markdown.utils.escapeHtml(token.content) : '';
};

export function renderMarkdownSafely(source: string): string {
  return markdown.render(source);
}
