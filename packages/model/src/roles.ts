// Workspace roles, from most to least powerful. Written once; everything else derives from it.
import { Type } from 'typebox';
import { Nullable } from './nullable.ts';

export const ROLES = ['owner', 'moderator', 'reviewer', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const RoleSchema = Type.Enum(ROLES, {
  description: 'Workspace role: owner, moderator, reviewer, commenter or viewer',
});

/** Roles that open sign-up may grant. */
export const OPEN_SIGNUP_ROLES = ['reviewer', 'commenter', 'viewer'] as const;
export type OpenSignupRole = (typeof OPEN_SIGNUP_ROLES)[number];
export const OpenSignupRoleSchema = Nullable(Type.Enum(OPEN_SIGNUP_ROLES), {
  description: 'Role given to people who sign up without an invite; null: invite only',
});

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
