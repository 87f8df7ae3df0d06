// A claim's verdict as a chip in its tone's colours, with the label in words (colour is never
// the only signal); "No verdict" when there is none yet.
import type { VerdictScale } from '@factdesk/model';
import { useIntl } from 'react-intl';
import { verdictColorStyle, verdictName, verdictTone } from '../../../components/claimWords.ts';

/** `frozenLabel`: an approved claim's label as approved, whatever the scale calls it now. */
export function VerdictChip({
  scale,
  verdict,
  frozenLabel,
}: {
  scale: VerdictScale;
  verdict: string | null;
  frozenLabel?: string | undefined;
}) {
  const intl = useIntl();
  return (
    <span
      className={`verdict-chip verdict-chip-${verdictTone(scale, verdict)}`}
      style={verdictColorStyle(scale, verdict)}
    >
      {frozenLabel ?? verdictName(intl, scale, verdict)}
    </span>
  );
}
