// How roles read in the interface. What a role may do is decided by the server (abilities);
// these sentences only describe it.
import type { Role } from '@factdesk/model';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  moderator: 'Moderator',
  reviewer: 'Reviewer',
  commenter: 'Commenter',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Manages workspace settings, members and invites, and everything a moderator does.',
  moderator: 'Imports articles, assigns claims and approves verdicts.',
  reviewer: 'Highlights claims and works on verdicts, rationale and evidence.',
  commenter: 'Reads everything and comments on claims; cannot change text, claims or verdicts.',
  viewer: 'Reads documents and exports verdict reports.',
};

/** The article before a role's name: "an owner", "a reviewer". */
export function article(role: Role): 'a' | 'an' {
  return role === 'owner' ? 'an' : 'a';
}
