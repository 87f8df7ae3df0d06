// "Same claim elsewhere": approved claims of the workspace that say what this claim says —
// its quote and statement, or the statement being typed (asked again a moment after typing
// stops) — each with its verdict, document and date, a link to it, and "Reuse this verdict",
// which copies the verdict, rationale and evidence in as a proposal (docs/verdict-reuse.md).
import type { Claim, SimilarClaim, VerdictScale } from '@factdesk/model';
import { useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/ApiError.ts';
import { api } from '../../../api/api.ts';
import { ErrorAlert } from '../../../components/Alert.tsx';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { formatDate } from '../../../components/formatDate.ts';
import { useT } from '../../../i18n/useT.ts';
import type { ClaimWriteContext } from './useClaimWrite.ts';
import { VerdictChip } from './VerdictChip.tsx';

/** How long typing must pause before the suggestions are asked for again. */
const TYPING_PAUSE_MS = 350;

interface SameClaimElsewhereProps extends ClaimWriteContext {
  /** The statement as it is being typed in the claim's form; null when not editing. */
  statementDraft: string | null;
}

export function SameClaimElsewhere(props: SameClaimElsewhereProps) {
  const { claim, statementDraft } = props;
  const headingId = useId();
  const intl = useIntl();
  const t = useT();
  const [found, setFound] = useState<SimilarClaim[]>();
  const [error, setError] = useState<ApiError>();
  const [reusing, setReusing] = useState<SimilarClaim>();
  const quote = claim.anchor.quote.exact;
  const statement = statementDraft ?? claim.statement;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the texts and the version are the reload signals
  useEffect(() => {
    let current = true;
    const ask = () =>
      statementDraft === null
        ? api.similarToClaim(claim.id)
        : api.similarToText(claim.workspaceId, { quote, statement });
    const timer = setTimeout(
      () =>
        ask().then(
          (answer) => {
            if (!current) return;
            setFound(answer.claims.filter((other) => other.claimId !== claim.id));
            setError(undefined);
          },
          (caught: unknown) => current && setError(ApiError.from(caught)),
        ),
      // The first look is at once; a statement being typed waits for a pause.
      statementDraft === null ? 0 : TYPING_PAUSE_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [claim.id, claim.version, quote, statement, statementDraft === null]);

  const canReuse = claim.abilities.work && claim.status !== 'approved';

  async function reuse(other: SimilarClaim) {
    // Errors are thrown for the dialog to show beside its button.
    const changed = await api.reuseVerdict(claim.id, claim.version, other.claimId);
    props.ownVersions.add(changed.version);
    props.onClaimChanged(changed);
  }

  return (
    <section className="claim-section same-claim" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('same.title')}</h3>
      <ErrorAlert error={error} />
      {found === undefined && !error && <p className="muted">{t('same.looking')}</p>}
      {found?.length === 0 && <p className="muted">{t('same.none')}</p>}
      {found && found.length > 0 && (
        <ul className="same-claim-list">
          {found.map((other) => (
            <li key={other.claimId} className="same-claim-item">
              <div className="same-claim-top">
                <VerdictChip
                  scale={props.scale}
                  verdict={other.verdict}
                  frozenLabel={other.verdictLabel}
                />
                <span className="same-claim-date">
                  {t('same.approvedOn', { date: formatDate(intl, other.approvedAt) })}
                </span>
              </div>
              <p className="same-claim-statement" dir="auto">
                {other.statement || t('same.quoted', { quote: other.quote })}
              </p>
              <p className="same-claim-where">
                <FormattedMessage
                  id="same.where"
                  values={{
                    title: other.documentTitle,
                    archived: other.documentArchived,
                    link: (chunks) => <Link to={other.link}>{chunks}</Link>,
                  }}
                />
              </p>
              {claim.reusedFrom?.claimId === other.claimId ? (
                <p className="same-claim-reused">{t('same.reusedFromIt')}</p>
              ) : (
                canReuse && (
                  <button
                    type="button"
                    className="button button-secondary button-small same-claim-reuse"
                    onClick={() => setReusing(other)}
                  >
                    {t('same.reuse')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {reusing && (
        <ReuseConfirm
          claim={claim}
          scale={props.scale}
          other={reusing}
          onConfirm={() => reuse(reusing)}
          onClose={() => setReusing(undefined)}
        />
      )}
    </section>
  );
}

function ReuseConfirm(props: {
  claim: Claim;
  scale: VerdictScale;
  other: SimilarClaim;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const { claim, other } = props;
  const intl = useIntl();
  const t = useT();
  return (
    <ConfirmDialog
      open
      title={t('same.confirmTitle')}
      confirmLabel={t('same.confirmLabel', { verdict: other.verdictLabel })}
      confirmTone="primary"
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      <p>
        <FormattedMessage
          id="same.confirmCopied"
          values={{
            verdict: other.verdictLabel,
            title: other.documentTitle,
            date: formatDate(intl, other.approvedAt),
            strong: (chunks) => <strong>{chunks}</strong>,
          }}
        />
      </p>
      <p>{t('same.confirmProposed', { replaces: claim.rationale.trim() !== '' })}</p>
    </ConfirmDialog>
  );
}
