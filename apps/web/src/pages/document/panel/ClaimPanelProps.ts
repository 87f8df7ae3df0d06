// What the document page hands the claim panel: the claims as the page keeps them live
// (socket events applied, text order, current quotes), the workspace's scale and members,
// and the few things only the editor can do (scroll to a claim, read the selection).
import type {
  Claim,
  ClaimAnchor,
  ClaimLiveEvent,
  EvidenceLinkEvent,
  Member,
  WorkspaceVerdictScale,
} from '@factdesk/model';

export interface ClaimPanelProps {
  documentId: string;
  workspaceId: string;
  /** Every claim of the document in text order (orphaned ones last), kept live by the page. */
  claims: Claim[];
  selectedClaimId: string | null;
  /** Open a claim (null: back to the list). The page scrolls the text to it. */
  onSelect(claimId: string | null): void;
  /** Hand the page the server's answer to a write (or a 409's current claim). */
  onClaimChanged(claim: Claim): void;
  scale: WorkspaceVerdictScale['scale'];
  /** The workspace's members (for assignment: reviewers and moderators). */
  members: Member[];
  myUserId: string;
  /** The anchor of the editor's current selection, or null when nothing usable is selected. */
  selectionAnchor(): ClaimAnchor | null;
  /** Live events of this document as they arrive (evidence and comments are not in `claims`). */
  subscribe(listener: (event: ClaimLiveEvent) => void): () => void;
  /** What the link checker finds at evidence links, as it finds it. */
  subscribeLinks(listener: (event: EvidenceLinkEvent) => void): () => void;
}
