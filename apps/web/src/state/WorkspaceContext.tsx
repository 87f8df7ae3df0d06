// The workspace of the current /w/:workspaceId route, with your role and abilities as the
// server sent them. Pages ask `abilities` what to show; they never derive it from the role.
import type { Workspace } from '@factdesk/model';
import { createContext, useContext } from 'react';

export interface CurrentWorkspace {
  workspace: Workspace;
  /** Replace it with the server's answer to a change, or reload it. */
  replace(workspace: Workspace): void;
  reload(): void;
}

export const WorkspaceContext = createContext<CurrentWorkspace | null>(null);

export function useWorkspace(): CurrentWorkspace {
  const current = useContext(WorkspaceContext);
  if (!current) throw new Error('useWorkspace must be used inside a /w/:workspaceId route.');
  return current;
}
