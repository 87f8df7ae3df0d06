// What the claims API's routes share: their error responses and path parameters.
import { ClaimConflictBody, ErrorBody, Uuid } from '@factdesk/model';
import { Type } from 'typebox';

export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** A write's 409 carries the claim as it is now (ClaimConflictError). */
export const writeErrors = { ...errors, 409: ClaimConflictBody };
export const DocumentParams = Type.Object({ documentId: Uuid });
export const ClaimParams = Type.Object({ claimId: Uuid });
export const EvidenceParams = Type.Object({ evidenceId: Uuid });
export const WorkspaceParams = Type.Object({ workspaceId: Uuid });
