// What the web app takes from @factdesk/editor: the schema and the text model, without the
// importers (markdown-it, sanitize-html, happy-dom) that only the server needs.
export * from './articleExtensions.ts';
export * from './articleText.ts';
export * from './claimHighlights/claimHighlights.ts';
export * from './proseMirrorText.ts';
