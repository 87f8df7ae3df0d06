// An import stopped by one of its structural caps, raised while the input is being parsed
// (markdown-it's block rules, sanitize-html's tag callbacks, the plain-text splitter), so a
// hostile article costs at most the work up to the cap.

/** The caps an import is parsed under; the server takes them from its configuration. */
export interface ImportLimits {
  /** Deepest nesting of elements (HTML tags, Markdown blocks) — IMPORT_MAX_DEPTH. */
  maxDepth: number;
  /** Most elements (HTML tags, Markdown blocks, plain-text paragraphs) — IMPORT_MAX_NODES. */
  maxNodes: number;
}

export type ImportLimitName = 'depth' | 'nodes';

export class ImportLimitError extends Error {
  constructor(
    readonly limit: ImportLimitName,
    readonly value: number,
  ) {
    super(
      limit === 'depth'
        ? `content nests elements more than ${value} deep (IMPORT_MAX_DEPTH): flatten the lists or quotes, or split the article.`
        : `content has more than ${value} elements (IMPORT_MAX_NODES): split the article into several documents.`,
    );
    this.name = 'ImportLimitError';
  }
}
