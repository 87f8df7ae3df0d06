// The live-documents port under its former name, for the routes and commands that still
// import it from here; the port itself is commands/liveDocuments.ts.
export type { AccessChange, LiveDocuments as CollabService } from '../commands/liveDocuments.ts';
