// What the sync server checks updates against — the article's node and mark names and its
// attribute rules — without the import, export and text modules: the sync worker thread loads
// only this (the package's index also brings the HTML parser, Markdown and their DOM).

export { checkArticleAttribute, checkArticleMarkAttributes } from './articleAttributes.ts';
export { ARTICLE_FIELD, ARTICLE_MARK_NAMES, ARTICLE_NODE_NAMES } from './articleExtensions.ts';
