// The verdict: what it is now (chip, rationale, who proposed and approved it) and the
// workflow steps the claim's abilities allow: start review, propose, approve, return, reopen.
import type { Claim } from '@factdesk/model';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { api } from '../../../api/api.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { statusLabel } from '../../../components/claimWords.ts';
import { formatDateTime } from '../../../components/formatDate.ts';
import { useT } from '../../../i18n/useT.ts';
import { Adjudication, BlindRoundStatus, hasProposed, RevealedVerdicts } from './BlindReview.tsx';
import { FormActions } from './FormActions.tsx';
import { RationaleEditor } from './RationaleEditor.tsx';
import { ReturnButton, ReturnForm } from './ReturnToReview.tsx';
import { renderRationale } from './renderRationale.ts';
import { type ClaimWrite, type ClaimWriteContext, useClaimWrite } from './useClaimWrite.ts';
import { type DraftBase, useDraftBase } from './useDraftBase.ts';
import { VerdictChip } from './VerdictChip.tsx';
import { VerdictPicker } from './VerdictPicker.tsx';
import { WriteProblem } from './WriteProblem.tsx';

export function VerdictSection(props: ClaimWriteContext) {
  const { claim, scale } = props;
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const intl = useIntl();
  const t = useT();
  // A step's button disappears with the status it belonged to: the focus goes to the
  // section's heading and the new status is read out, rather than the focus being lost.
  const onStepDone = (changed: Claim) => {
    setAnnouncement(t('verdict.statusNow', { status: statusLabel(intl, changed.status) }));
    headingRef.current?.focus();
  };
  const canStart = claim.abilities.work && (claim.status === 'open' || claim.status === 'assigned');
  // In a blind round each assigned reviewer proposes once; the server says the same (403/409).
  const blind = claim.blindReview.blind;
  const canPropose =
    claim.abilities.work &&
    claim.status === 'in_review' &&
    (!blind ||
      (claim.assignees.some((person) => person.id === props.myUserId) &&
        !hasProposed(claim, props.myUserId)));
  // The draft lives here, not in the form: when the claim moves on under it (someone else
  // proposes, a moderator returns it) the form stays with the person's text in it.
  const [draft, setDraft] = useState<VerdictDraft>(EMPTY_DRAFT);
  const base = useDraftBase(claim, props.ownVersions);

  return (
    <section className="claim-section" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="claim-section-heading">
        {t('claims.verdict')}
      </h3>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <div className="verdict-now">
        <VerdictChip
          scale={scale}
          verdict={claim.verdict}
          frozenLabel={claim.approvedVerdict?.label}
        />
        <span className={`claim-status claim-status-${claim.status}`}>
          {statusLabel(intl, claim.status)}
        </span>
      </div>
      {/* While the form shows the claim's own rationale there is no need to show it twice; a
          draft of one's own leaves the current rationale visible above it. */}
      {claim.rationale.trim() && (!canPropose || base.dirty) && (
        <div
          className="rationale"
          dir="auto"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it output with html off and links checked (renderRationale.ts)
          dangerouslySetInnerHTML={{ __html: renderRationale(claim.rationale) }}
        />
      )}
      <VerdictCredits claim={claim} />
      <BlindRoundStatus {...props} />
      <RevealedVerdicts {...props} />
      {claim.status === 'adjudication' && <Adjudication {...props} onDecided={onStepDone} />}
      {canStart && <StartReview {...props} onStepDone={onStepDone} />}
      {(canPropose || base.dirty) && (
        <ProposeVerdictForm
          {...props}
          draft={draft}
          onDraftChange={setDraft}
          base={base}
          onStepDone={onStepDone}
        />
      )}
      {claim.status === 'verdict_proposed' &&
        (claim.abilities.approve || claim.abilities.fourEyesBlocked) && (
          <ApproveOrReturn {...props} onStepDone={onStepDone} />
        )}
      {claim.abilities.reopen && <Reopen {...props} onStepDone={onStepDone} />}
    </section>
  );
}

function VerdictCredits({ claim }: { claim: Claim }) {
  const intl = useIntl();
  const t = useT();
  if (!claim.proposedBy && !claim.approvedBy && !claim.reusedFrom && !claim.adjudicatedBy) {
    return null;
  }
  const from = claim.reusedFrom;
  return (
    <ul className="verdict-credits">
      {from && (
        <li className="verdict-reused">
          <FormattedMessage
            id="verdict.reusedFrom"
            values={{
              title: from.documentTitle,
              date: formatDateTime(intl, from.reusedAt),
              deleted: !(from.claimId && from.documentId),
              link: (chunks) =>
                from.claimId && from.documentId ? (
                  <Link to={`/w/${claim.workspaceId}/d/${from.documentId}?claim=${from.claimId}`}>
                    {chunks}
                  </Link>
                ) : (
                  chunks
                ),
            }}
          />
        </li>
      )}
      {claim.proposedBy && claim.proposedAt && (
        <li>
          {t('verdict.proposedBy', {
            name: claim.proposedBy.name,
            date: formatDateTime(intl, claim.proposedAt),
          })}
        </li>
      )}
      {claim.adjudicatedBy && claim.adjudicatedAt && (
        <li>
          {t('verdict.adjudicatedBy', {
            name: claim.adjudicatedBy.name,
            date: formatDateTime(intl, claim.adjudicatedAt),
          })}
        </li>
      )}
      {claim.approvedBy && claim.approvedAt && (
        <li>
          {t('verdict.approvedBy', {
            name: claim.approvedBy.name,
            date: formatDateTime(intl, claim.approvedAt),
            override: claim.approvalOverride,
          })}
        </li>
      )}
    </ul>
  );
}

/** A workflow button's props: it reports the claim it produced. */
interface StepProps extends ClaimWriteContext {
  onStepDone(claim: Claim): void;
}

/** Runs a step and, when it went through, hands its claim to onStepDone. */
async function step(
  write: ClaimWrite,
  props: StepProps,
  action: (version: number) => Promise<Claim>,
) {
  const answer = await write.run(action);
  if (answer) props.onStepDone(answer);
  return answer;
}

function StartReview(props: StepProps) {
  const write = useClaimWrite(props);
  const t = useT();
  return (
    <div className="claim-step">
      <p className="muted">{t('verdict.startHint')}</p>
      <button
        type="button"
        className="button button-primary button-small"
        disabled={write.pending}
        onClick={() => step(write, props, (version) => api.startReview(props.claim.id, version))}
      >
        {write.pending ? t('verdict.starting') : t('verdict.start')}
      </button>
      <WriteProblem write={write} kept={false} />
    </div>
  );
}

/** The person's unsaved verdict and rationale; null fields follow the live claim. */
interface VerdictDraft {
  verdict: string | null;
  rationale: string | null;
}

const EMPTY_DRAFT: VerdictDraft = { verdict: null, rationale: null };

function ProposeVerdictForm(
  props: StepProps & {
    draft: VerdictDraft;
    onDraftChange(draft: VerdictDraft): void;
    base: DraftBase;
  },
) {
  const { claim, scale, draft, onDraftChange, base } = props;
  const write = useClaimWrite(props);
  const t = useT();
  const [missing, setMissing] = useState(false);
  const shownVerdict = draft.verdict ?? claim.verdict;
  // A blind verdict's rationale is the reviewer's own: it starts empty, not from the claim's.
  const shownRationale = draft.rationale ?? (claim.blindReview.blind ? '' : claim.rationale);

  function change(next: Partial<VerdictDraft>) {
    base.touch();
    onDraftChange({ ...draft, ...next });
  }

  function discard() {
    onDraftChange(EMPTY_DRAFT);
    base.reset();
    write.clear();
  }

  async function propose(event: FormEvent) {
    event.preventDefault();
    if (!shownVerdict) {
      setMissing(true);
      return;
    }
    const answer = await write.run(
      (version) =>
        api.proposeVerdict(claim.id, { version, verdict: shownVerdict, rationale: shownRationale }),
      { base: base.base, onConflict: base.rebase },
    );
    if (answer) {
      onDraftChange(EMPTY_DRAFT);
      base.reset();
      props.onStepDone(answer);
    }
  }

  return (
    <form className="claim-form" onSubmit={propose} aria-label={t('verdict.proposeLabel')}>
      {!write.conflict && base.dirty && base.base.version !== claim.version && (
        <p className="stale-notice" role="status">
          {t('verdict.stale')}
        </p>
      )}
      <VerdictPicker
        scale={scale}
        legend={t('verdict.yours')}
        value={shownVerdict}
        onChange={(verdict) => {
          setMissing(false);
          change({ verdict });
        }}
        problem={missing ? t('verdict.pickFirst') : undefined}
      />
      <RationaleEditor value={shownRationale} onChange={(rationale) => change({ rationale })} />
      <WriteProblem write={write} />
      <FormActions
        pending={write.pending}
        submit={t('verdict.propose')}
        submitting={t('verdict.proposing')}
        secondary={base.dirty ? { label: t('verdict.discard'), onClick: discard } : undefined}
      />
    </form>
  );
}

function ApproveOrReturn(props: StepProps) {
  const { claim } = props;
  const write = useClaimWrite(props);
  const id = useId();
  const [returning, setReturning] = useState(false);
  const [confirmingOverride, setConfirmingOverride] = useState(false);
  const t = useT();
  const blocked = claim.abilities.fourEyesBlocked;

  return (
    <div className="claim-step">
      {returning ? (
        <ReturnForm
          claim={claim}
          write={write}
          onReturned={(returned) => {
            setReturning(false);
            props.onStepDone(returned);
          }}
          onCancel={() => setReturning(false)}
        />
      ) : (
        <>
          {blocked && (
            <p className="four-eyes-notice" id={`${id}-four-eyes`}>
              {t('verdict.fourEyes', { canOverride: claim.abilities.approveOverride })}
            </p>
          )}
          <div className="claim-form-actions">
            {!blocked && (
              <button
                type="button"
                className="button button-primary button-small"
                disabled={write.pending}
                onClick={() =>
                  step(write, props, (version) => api.approveVerdict(claim.id, version))
                }
              >
                {write.pending ? t('verdict.approving') : t('verdict.approve')}
              </button>
            )}
            {blocked && (
              <button
                type="button"
                className="button button-primary button-small"
                disabled
                aria-describedby={`${id}-four-eyes`}
              >
                {t('verdict.approve')}
              </button>
            )}
            {claim.abilities.approveOverride && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={write.pending}
                onClick={() => setConfirmingOverride(true)}
              >
                {t('verdict.overrideEllipsis')}
              </button>
            )}
            <ReturnButton write={write} onOpen={() => setReturning(true)} />
          </div>
          <WriteProblem write={write} kept={false} />
          <ConfirmDialog
            open={confirmingOverride}
            title={t('verdict.overrideTitle')}
            confirmLabel={t('verdict.override')}
            onClose={() => setConfirmingOverride(false)}
            onConfirm={async () => {
              await step(write, props, (version) => api.approveVerdict(claim.id, version, true));
            }}
          >
            <p>{t('verdict.overrideBody')}</p>
          </ConfirmDialog>
        </>
      )}
    </div>
  );
}

function Reopen(props: StepProps) {
  const write = useClaimWrite(props);
  const t = useT();
  return (
    <div className="claim-step">
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={write.pending}
        onClick={() => step(write, props, (version) => api.reopenClaim(props.claim.id, version))}
      >
        {write.pending ? t('verdict.reopening') : t('verdict.reopen')}
      </button>
      <WriteProblem write={write} kept={false} />
    </div>
  );
}
