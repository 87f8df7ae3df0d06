// Who works on the claim and by when. Moderators (abilities.assign) add reviewers from the
// workspace's reviewers, moderators and owners, set or clear the due date, and unassign.
import type { Member, Role } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../../api/api.ts';
import { roleLabel } from '../../../components/roles.ts';
import { useT } from '../../../i18n/useT.ts';
import { useWorkspace } from '../../../state/WorkspaceContext.tsx';
import { DueDate } from './DueDate.tsx';
import { FormActions } from './FormActions.tsx';
import { type ClaimWriteContext, useClaimWrite } from './useClaimWrite.ts';
import { WriteProblem } from './WriteProblem.tsx';

const ASSIGNABLE: readonly Role[] = ['reviewer', 'moderator', 'owner'];

/** The local calendar day of an instant, as a date input's value ("2026-12-03"). */
function dayOf(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A due day means "by the end of that day", in the person's own time zone. */
function endOfDay(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString();
}

interface AssignmentProps extends ClaimWriteContext {
  members: Member[];
}

export function AssignmentSection(props: AssignmentProps) {
  const { claim } = props;
  const headingId = useId();
  const unassign = useClaimWrite(props);
  const canAssign = claim.abilities.assign;
  const [assigning, setAssigning] = useState(false);
  const t = useT();

  return (
    <section className="claim-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('assignment.title')}</h3>
      {claim.assignees.length === 0 ? (
        <p className="muted">{t('assignment.nobody')}</p>
      ) : (
        <ul className="assignee-list">
          {claim.assignees.map((assignee) => (
            <li key={assignee.id}>
              <span>{assignee.name}</span>
              {canAssign && (
                <button
                  type="button"
                  className="button button-danger-quiet button-small"
                  aria-label={t('assignment.unassignNamed', { name: assignee.name })}
                  disabled={unassign.pending}
                  onClick={() =>
                    unassign.run((version) =>
                      api.unassignClaim(claim.id, { version, reviewerIds: [assignee.id] }),
                    )
                  }
                >
                  {t('assignment.unassign')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <WriteProblem write={unassign} kept={false} />
      {claim.dueAt && (
        <p>
          <DueDate claim={claim} />
        </p>
      )}
      {canAssign &&
        (assigning ? (
          <AssignForm {...props} onDone={() => setAssigning(false)} />
        ) : (
          <button
            type="button"
            className="button button-secondary button-small claim-section-action"
            onClick={() => setAssigning(true)}
          >
            {claim.assignees.length > 0 ? t('assignment.addOrDue') : t('assignment.assign')}
          </button>
        ))}
      <IndependentVerdicts {...props} />
    </section>
  );
}

/** Statuses in which a moderator may still change how many verdicts the round takes. */
const BEFORE_REVEAL = new Set(['open', 'assigned', 'in_review']);

/**
 * How many independent (blind) verdicts this claim needs: the workspace's setting or its own.
 * Shown to moderators while no verdict of the round is in (the server refuses it after).
 */
function IndependentVerdicts(props: AssignmentProps) {
  const { claim } = props;
  const { workspace } = useWorkspace();
  const write = useClaimWrite(props);
  const id = useId();
  const t = useT();
  const { override, required, proposedBy } = claim.blindReview;
  if (!claim.abilities.assign || !BEFORE_REVEAL.has(claim.status) || proposedBy.length > 0) {
    return required > 1 ? (
      <p className="muted">
        {t('blind.claimSummary', { required, workspaceSetting: override === null })}
      </p>
    ) : null;
  }
  const assignedFew = required > 1 && claim.assignees.length < required;
  return (
    <div className="field independent-verdicts">
      <label htmlFor={`${id}-count`}>{t('blind.claimCount')}</label>
      <select
        id={`${id}-count`}
        value={override === null ? '' : String(override)}
        disabled={write.pending}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const value = event.target.value === '' ? null : Number(event.target.value);
          void write.run((version) => api.setClaimBlindReviews(claim.id, version, value));
        }}
      >
        <option value="">{t('blind.option.workspace', { count: workspace.blindReviews })}</option>
        <option value="1">{t('blind.option.single')}</option>
        {[2, 3, 4, 5].map((count) => (
          <option key={count} value={count}>
            {t('blind.option.blind', { count })}
          </option>
        ))}
      </select>
      <p className="field-hint" id={`${id}-hint`}>
        {t('blind.claimHint', { required })}
        {assignedFew && ` ${t('blind.assignMore', { count: required - claim.assignees.length })}`}
      </p>
      <WriteProblem write={write} kept={false} />
    </div>
  );
}

function AssignForm(props: AssignmentProps & { onDone(): void }) {
  const { claim, members } = props;
  const write = useClaimWrite(props);
  const id = useId();
  const intl = useIntl();
  const t = useT();
  const [picked, setPicked] = useState<string[]>([]);
  // null: untouched, so the field follows the claim's due date as it changes.
  const [due, setDue] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const assigned = new Set(claim.assignees.map((assignee) => assignee.id));
  const candidates = members.filter(
    (member) => ASSIGNABLE.includes(member.role) && !assigned.has(member.userId),
  );
  const shownDue = due ?? dayOf(claim.dueAt);
  const dueChanged = shownDue !== dayOf(claim.dueAt);

  async function assign(event: FormEvent) {
    event.preventDefault();
    // The server takes reviewers with every assignment; a due date alone is set on the
    // current reviewers.
    const reviewerIds = picked.length > 0 ? picked : [...assigned];
    if (reviewerIds.length === 0) {
      setProblem(t('assignment.pickOne'));
      return;
    }
    if (picked.length === 0 && !dueChanged) {
      setProblem(t('assignment.pickOrDue'));
      return;
    }
    setProblem('');
    const answer = await write.run((version) =>
      api.assignClaim(claim.id, {
        version,
        reviewerIds,
        ...(dueChanged ? { dueAt: shownDue ? endOfDay(shownDue) : null } : {}),
      }),
    );
    if (answer) props.onDone();
  }

  return (
    <form className="claim-form" onSubmit={assign} aria-label={t('assignment.assign')}>
      <fieldset className="checkbox-list">
        <legend>{t('assignment.add')}</legend>
        {candidates.length === 0 ? (
          <p className="muted">{t('assignment.everyone')}</p>
        ) : (
          candidates.map((member) => (
            <label key={member.userId} className="checkbox-row">
              <input
                type="checkbox"
                checked={picked.includes(member.userId)}
                onChange={(event) =>
                  setPicked((current) =>
                    event.target.checked
                      ? [...current, member.userId]
                      : current.filter((userId) => userId !== member.userId),
                  )
                }
              />
              <span>{member.displayName}</span>
              <span className="muted">{roleLabel(intl, member.role)}</span>
            </label>
          ))
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-due`}>
          <FormattedMessage
            id="assignment.dueOptional"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <input
          id={`${id}-due`}
          type="date"
          value={shownDue}
          onChange={(event) => setDue(event.target.value)}
        />
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <WriteProblem write={write} />
      <FormActions
        pending={write.pending}
        submit={picked.length > 0 ? t('assignment.submit') : t('assignment.saveDue')}
        submitting={t('connection.saving')}
        secondary={{ label: t('action.cancel'), onClick: props.onDone }}
      />
    </form>
  );
}
