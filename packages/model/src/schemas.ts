// HTTP API shapes shared by the server (validation, OpenAPI) and the web app (typed client).
import { type Static, Type } from 'typebox';
import { ACTIONS } from './actions.ts';
import { LocaleSchema } from './locales.ts';
import { Nullable } from './nullable.ts';
import { OpenSignupRoleSchema, RoleSchema } from './roles.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

/** A UUID in either case (PostgreSQL reads both; it answers in lower case). */
export const UUID_PATTERN = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
export const Uuid = Type.String({ format: 'uuid', description: 'Identifier (UUID)' });
export const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'Email address',
});
export const DisplayName = Type.String({
  minLength: 1,
  maxLength: 80,
  description: 'Display name',
});
export const Password = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `Password, at least ${PASSWORD_MIN_LENGTH} characters`,
});
export const WorkspaceName = Type.String({ minLength: 1, maxLength: 100 });
export const Timestamp = Type.String({ format: 'date-time' });
/** A day of the calendar in query strings (the server also checks the day exists). */
export const CalendarDay = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'A day, YYYY-MM-DD (UTC)',
});

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable error code' }),
    message: Type.String({ description: 'A sentence a person understands' }),
    field: Type.Optional(Type.String({ description: 'The input field at fault, if any' })),
  },
  { $id: 'Error' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const AbilitiesSchema = Type.Object(
  Object.fromEntries(ACTIONS.map((action) => [action, Type.Boolean()])),
);

export const User = Type.Object({
  id: Uuid,
  email: Email,
  displayName: DisplayName,
  createdAt: Timestamp,
  locale: Nullable(LocaleSchema, {
    description: 'Interface language the person chose; null: follow the browser',
  }),
});
export type User = Static<typeof User>;

export const WorkspaceSummary = Type.Object({
  id: Uuid,
  name: WorkspaceName,
  role: RoleSchema,
  abilities: AbilitiesSchema,
});
export type WorkspaceSummary = Static<typeof WorkspaceSummary>;

/** An http(s) URL, checked and normalised by the server (checkEvidenceUrl's rule). */
const PublicUrl = Type.String({ minLength: 1, maxLength: 2048 });

/** The publishing organisation, as ClaimReview names its author. */
export const Organization = Type.Object({
  name: Nullable(Type.String(), {
    description: 'Null: the workspace name is used',
  }),
  url: Nullable(Type.String(), { description: 'Its public site' }),
  logoUrl: Nullable(Type.String(), { description: 'Its logo (an image URL)' }),
});
export type Organization = Static<typeof Organization>;

export const Workspace = Type.Object({
  id: Uuid,
  name: WorkspaceName,
  openSignupRole: OpenSignupRoleSchema,
  organization: Organization,
  fourEyes: Type.Boolean({
    description: 'The approver of a verdict must differ from the person who proposed it',
  }),
  blindReviews: Type.Integer({
    minimum: 1,
    maximum: 5,
    description:
      'Independent verdicts each claim needs unless it says otherwise (1: single review)',
  }),
  createdAt: Timestamp,
  role: RoleSchema,
  abilities: AbilitiesSchema,
});
export type Workspace = Static<typeof Workspace>;

export const Me = Type.Object({ user: User, workspaces: Type.Array(WorkspaceSummary) });
export type Me = Static<typeof Me>;

export const SignupBody = Type.Object(
  {
    email: Email,
    displayName: DisplayName,
    password: Password,
    inviteToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    workspaceName: Type.Optional(WorkspaceName),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Password,
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const Member = Type.Object({
  userId: Uuid,
  email: Email,
  displayName: DisplayName,
  role: RoleSchema,
  joinedAt: Timestamp,
  /** What the caller may do to this member beyond the workspace's abilities. */
  abilities: Type.Object({
    resetLink: Type.Boolean({
      description:
        'The caller may issue this member a one-time password reset link (docs/accounts.md)',
    }),
  }),
});
export type Member = Static<typeof Member>;

export const CreatedResetLink = Type.Object({
  userId: Uuid,
  token: Type.String({ description: 'Shown once; the reset link is /reset/<token>' }),
  expiresAt: Timestamp,
});
export type CreatedResetLink = Static<typeof CreatedResetLink>;

export const ResetLinkPreview = Type.Object({
  email: Email,
  displayName: DisplayName,
  expiresAt: Timestamp,
});
export type ResetLinkPreview = Static<typeof ResetLinkPreview>;

export const UseResetLinkBody = Type.Object(
  { newPassword: Password },
  { additionalProperties: false },
);
export type UseResetLinkBody = Static<typeof UseResetLinkBody>;

export const ChangeRoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });

export const CreateWorkspaceBody = Type.Object(
  { name: WorkspaceName },
  { additionalProperties: false },
);
export const UpdateWorkspaceBody = Type.Object(
  {
    name: Type.Optional(WorkspaceName),
    openSignupRole: Type.Optional(OpenSignupRoleSchema),
    organization: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          url: Type.Optional(Nullable(PublicUrl)),
          logoUrl: Type.Optional(Nullable(PublicUrl)),
        },
        { additionalProperties: false },
      ),
    ),
    fourEyes: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWorkspaceBody = Static<typeof UpdateWorkspaceBody>;

export const INVITE_MAX_DAYS = 30;
export const Invite = Type.Object({
  id: Uuid,
  role: RoleSchema,
  createdBy: DisplayName,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  maxUses: Type.Integer(),
  useCount: Type.Integer(),
  revokedAt: Nullable(Timestamp),
  status: Type.Enum(['active', 'expired', 'revoked', 'used']),
});
export type Invite = Static<typeof Invite>;

export const CreateInviteBody = Type.Object(
  {
    role: RoleSchema,
    expiresInDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: INVITE_MAX_DAYS, default: 7 }),
    ),
    maxUses: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
  },
  { additionalProperties: false },
);
export const CreatedInvite = Type.Object({
  invite: Invite,
  token: Type.String({ description: 'Shown once; the invite link is /invite/<token>' }),
});
export type CreatedInvite = Static<typeof CreatedInvite>;

export const InvitePreview = Type.Object({
  workspaceName: WorkspaceName,
  role: RoleSchema,
  expiresAt: Timestamp,
});
export type InvitePreview = Static<typeof InvitePreview>;

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String({ description: 'First characters of the token, to recognise it' }),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
});
export type ApiToken = Static<typeof ApiToken>;

export const CreateTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80 }) },
  { additionalProperties: false },
);
export const CreatedToken = Type.Object({
  apiToken: ApiToken,
  token: Type.String({ description: 'Shown once; send as Authorization: Bearer <token>' }),
});
export type CreatedToken = Static<typeof CreatedToken>;
