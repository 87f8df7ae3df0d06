// One claim in full: its passage, statement, verdict and workflow, assignment, evidence,
// comments and history. Every control comes from the claim's abilities, never from a role.
import type { Claim } from '@factdesk/model';
import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../../../components/Icon.tsx';
import { useT } from '../../../i18n/useT.ts';
import { AssignmentSection } from './AssignmentSection.tsx';
import { ClaimFacts } from './ClaimFacts.tsx';
import { ClaimHistory } from './ClaimHistory.tsx';
import type { ClaimPanelProps } from './ClaimPanelProps.ts';
import { ClaimQuote } from './ClaimQuote.tsx';
import { CommentThread } from './CommentThread.tsx';
import { EvidenceSection } from './EvidenceSection.tsx';
import { SameClaimElsewhere } from './SameClaimElsewhere.tsx';
import type { ClaimWriteContext } from './useClaimWrite.ts';
import { VerdictSection } from './VerdictSection.tsx';

interface ClaimDetailProps extends ClaimPanelProps {
  claim: Claim;
  /** Put the keyboard focus on the claim's heading (it was opened from the list). */
  autoFocus: boolean;
  onBack(): void;
}

export function ClaimDetail(props: ClaimDetailProps) {
  const { claim, autoFocus } = props;
  const headingId = useId();
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [ownVersions] = useState(() => new Set<number>());
  // The statement as typed in the claim's form, for the suggestions; null when not editing.
  const [statementDraft, setStatementDraft] = useState<string | null>(null);
  const context: ClaimWriteContext = {
    claim,
    scale: props.scale,
    myUserId: props.myUserId,
    onClaimChanged: props.onClaimChanged,
    ownVersions,
  };

  useEffect(() => {
    if (autoFocus) headingRef.current?.focus();
  }, [autoFocus]);

  return (
    <article className="claim-detail" aria-labelledby={headingId}>
      <div className="claim-detail-top">
        <button type="button" className="back-button" onClick={props.onBack}>
          <Icon name="chevron" size={16} />
          {t('claim.back')}
        </button>
      </div>
      <h2 id={headingId} className="claim-detail-heading" ref={headingRef} tabIndex={-1}>
        {t('claim.heading')}
        {claim.orphaned && <span className="orphan-flag">{t('claim.orphaned')}</span>}
      </h2>
      <ClaimQuote {...context} selectionAnchor={props.selectionAnchor} />
      <ClaimFacts {...context} onStatementDraft={setStatementDraft} />
      <VerdictSection {...context} />
      <SameClaimElsewhere {...context} statementDraft={statementDraft} />
      <EvidenceSection
        {...context}
        subscribe={props.subscribe}
        subscribeLinks={props.subscribeLinks}
      />
      <AssignmentSection {...context} members={props.members} />
      <CommentThread
        claimId={claim.id}
        canComment={claim.abilities.comment}
        subscribe={props.subscribe}
      />
      <ClaimHistory claim={claim} scale={props.scale} members={props.members} />
    </article>
  );
}
