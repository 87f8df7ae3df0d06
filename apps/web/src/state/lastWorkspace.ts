// The workspace you were last in, so `/` and the account pages take you back to it.
import type { Me } from '@factdesk/model';

const KEY = 'factdesk.lastWorkspaceId';

export function rememberWorkspace(workspaceId: string): void {
  try {
    localStorage.setItem(KEY, workspaceId);
  } catch {
    // Storage can be disabled (private mode, policies): remembering is only a convenience.
  }
}

/** The remembered workspace if you are still a member, otherwise your first one. */
export function lastWorkspace(me: Me): string | undefined {
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(KEY);
  } catch {
    remembered = null;
  }
  const found = me.workspaces.find((workspace) => workspace.id === remembered);
  return (found ?? me.workspaces[0])?.id;
}
