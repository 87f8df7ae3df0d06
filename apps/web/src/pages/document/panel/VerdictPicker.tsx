// The workspace's verdict labels as radio buttons, each in its tone: how a reviewer proposes a
// verdict and how a moderator decides one in adjudication.
import type { VerdictScale } from '@factdesk/model';
import { useId } from 'react';
import { verdictTone } from '../../../components/claimWords.ts';

export function VerdictPicker(props: {
  scale: VerdictScale;
  legend: string;
  value: string | null;
  onChange(verdict: string): void;
  /** Said under the options, and read with them, when a verdict is still to be picked. */
  problem?: string | undefined;
}) {
  const { scale, value, problem } = props;
  const id = useId();
  return (
    <fieldset className="verdict-picker" aria-describedby={problem ? `${id}-problem` : undefined}>
      <legend>{props.legend}</legend>
      <div className="verdict-options">
        {scale.labels.map((label) => (
          <label
            key={label.key}
            className={`verdict-option verdict-option-${verdictTone(scale, label.key)}`}
          >
            <input
              type="radio"
              name={`${id}-verdict`}
              value={label.key}
              checked={value === label.key}
              onChange={() => props.onChange(label.key)}
            />
            <span>{label.label}</span>
          </label>
        ))}
      </div>
      {problem && (
        <p className="field-error" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
