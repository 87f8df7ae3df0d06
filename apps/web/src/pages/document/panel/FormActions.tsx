// The row under a panel form: its submit button (saying so while the write is under way)
// and, where the form can be left, a secondary button beside it.
import type { ReactNode } from 'react';

export function FormActions(props: {
  pending: boolean;
  submit: ReactNode;
  /** Shown on the submit button while the write is under way. */
  submitting: ReactNode;
  /** Disables the submit button even when nothing is pending (e.g. an empty comment). */
  disabled?: boolean;
  /** The secondary button (Cancel, Discard…); none when absent. */
  secondary?: { label: ReactNode; onClick: () => void };
}) {
  return (
    <div className="claim-form-actions">
      <button
        type="submit"
        className="button button-primary button-small"
        disabled={props.pending || props.disabled}
      >
        {props.pending ? props.submitting : props.submit}
      </button>
      {props.secondary && (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={props.secondary.onClick}
        >
          {props.secondary.label}
        </button>
      )}
    </div>
  );
}
