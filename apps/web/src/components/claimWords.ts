// How the app names and colours the claim vocabulary: status and evidence labels, and the
// tone of a verdict (its place between the scale's worst and best rating), so highlights,
// the panel, the document list and the board all speak and colour alike.
import type {
  ClaimStatus,
  EvidenceKind,
  EvidenceStance,
  VerdictLabel,
  VerdictScale,
} from '@factdesk/model';
import type { IntlShape } from 'react-intl';

export function statusLabel(intl: IntlShape, status: ClaimStatus): string {
  return intl.formatMessage({ id: `claim.status.${status}` });
}

export function kindLabel(intl: IntlShape, kind: EvidenceKind): string {
  return intl.formatMessage({ id: `evidence.kind.${kind}` });
}

export function stanceLabel(intl: IntlShape, stance: EvidenceStance): string {
  return intl.formatMessage({ id: `evidence.stance.${stance}` });
}

/**
 * CSS class suffix of a verdict's colour: tone-1 (worst, red) … tone-5 (best, green), and
 * tone-none for verdicts off the true–false line or no verdict at all.
 */
export type VerdictTone = 'tone-1' | 'tone-2' | 'tone-3' | 'tone-4' | 'tone-5' | 'tone-none';

export function verdictOf(scale: VerdictScale, key: string | null): VerdictLabel | undefined {
  return key === null ? undefined : scale.labels.find((label) => label.key === key);
}

export function verdictTone(scale: VerdictScale, key: string | null): VerdictTone {
  const verdict = verdictOf(scale, key);
  if (!verdict || verdict.ratingValue === null) return 'tone-none';
  const span = scale.bestRating - scale.worstRating;
  const position = span === 0 ? 1 : (verdict.ratingValue - scale.worstRating) / span;
  const step = Math.min(4, Math.max(0, Math.round(position * 4)));
  return `tone-${step + 1}` as VerdictTone;
}

/**
 * The owners' own colour for a verdict, as inline style (text in it, a light wash behind);
 * undefined when the verdict follows its tone.
 */
export function verdictColorStyle(
  scale: VerdictScale,
  key: string | null,
): { color: string; backgroundColor: string; borderColor: string } | undefined {
  const color = verdictOf(scale, key)?.color;
  if (!color) return undefined;
  return {
    color: `color-mix(in srgb, ${color} 80%, black)`,
    backgroundColor: `color-mix(in srgb, ${color} 14%, white)`,
    borderColor: color,
  };
}

/**
 * "False", or the key itself for a verdict the scale no longer has. The labels are the
 * workspace's own words, shown as its owners wrote them, in any interface language.
 */
export function verdictName(intl: IntlShape, scale: VerdictScale, key: string | null): string {
  if (key === null) return intl.formatMessage({ id: 'verdict.none' });
  return verdictOf(scale, key)?.label ?? key;
}
