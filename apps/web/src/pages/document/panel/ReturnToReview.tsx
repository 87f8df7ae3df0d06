// Sending a claim back to review, with an optional reason: from a proposed verdict, or from
// adjudication, where the server starts a new blind round (docs/claims.md, "Blind review").
import type { Claim } from '@factdesk/model';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api } from '../../../api/api.ts';
import { useT } from '../../../i18n/useT.ts';
import { FormActions } from './FormActions.tsx';
import type { ClaimWrite } from './useClaimWrite.ts';
import { WriteProblem } from './WriteProblem.tsx';

/** "Return with a reason…": opens the ReturnForm, which the caller shows in its place. */
export function ReturnButton({ write, onOpen }: { write: ClaimWrite; onOpen(): void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="button button-secondary button-small"
      onClick={() => {
        write.clear();
        onOpen();
      }}
    >
      {t('verdict.returnWithReason')}
    </button>
  );
}

/** The reason form; the caller shows it in place of its ReturnButton. */
export function ReturnForm(props: {
  claim: Claim;
  write: ClaimWrite;
  onReturned(claim: Claim): void;
  onCancel(): void;
}) {
  const { claim, write } = props;
  const id = useId();
  const t = useT();
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  // The button that opened the form is gone: the focus goes to where the reason is typed.
  useEffect(() => reasonRef.current?.focus(), []);

  async function sendBack(event: FormEvent) {
    event.preventDefault();
    const answer = await write.run((version) =>
      api.returnClaim(claim.id, version, reason.trim() || undefined),
    );
    if (answer) props.onReturned(answer);
  }

  return (
    <form className="claim-form" onSubmit={sendBack} aria-label={t('verdict.return')}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>
          <FormattedMessage
            id="verdict.returnReason"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <textarea
          id={`${id}-reason`}
          ref={reasonRef}
          dir="auto"
          rows={3}
          maxLength={5000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <WriteProblem write={write} />
      <FormActions
        pending={write.pending}
        submit={t('verdict.return')}
        submitting={t('verdict.returning')}
        secondary={{
          label: t('action.cancel'),
          onClick: () => {
            write.clear();
            props.onCancel();
          },
        }}
      />
    </form>
  );
}
