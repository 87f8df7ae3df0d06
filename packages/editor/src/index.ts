// Public surface of @factdesk/editor: the article schema, import/export, Yjs conversion and
// the text model claims anchor on. Used by the web app and the server alike.

export * from './articleAttributes.ts';
export * from './articleExtensions.ts';
export * from './articleJSON.ts';
export * from './articleStructure.ts';
export * from './articleText.ts';
export * from './articleYjs.ts';
export * from './claimHighlights/claimHighlights.ts';
export * from './claimLocator.ts';
export * from './exportArticle.ts';
export * from './ImportLimitError.ts';
export * from './importArticle.ts';
export * from './proseMirrorText.ts';
