// Public surface of the domain model: roles, actions, the fact-check vocabulary and API schemas.
export * from './actions.ts';
export * from './agreementText.ts';
export * from './checkLinkUrl.ts';
export * from './claims.ts';
export * from './claimVocabulary.ts';
export * from './dashboard.ts';
export * from './displayHost.ts';
export * from './documents.ts';
export * from './evidenceUrl.ts';
export * from './locales.ts';
export * from './notifications.ts';
export * from './presence.ts';
export * from './report.ts';
export * from './roles.ts';
export * from './schemas.ts';
export * from './search.ts';
export * from './verdictReuse.ts';
