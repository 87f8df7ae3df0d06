// Public surface of the domain model: roles, actions and API schemas.
export * from './actions.ts';
export * from './roles.ts';
export * from './schemas.ts';
