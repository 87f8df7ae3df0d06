// The verdict scale as the owners edit it (text fields, order, colours) and what it means for
// the claims that already carry a verdict: the preview shown before saving.
import type { VerdictScale, VerdictUsage } from '@factdesk/model';

export interface DraftLabel {
  /** Identifies the row while it is edited and moved (its key, or a made-up one when new). */
  id: string;
  /** Stable key stored on claims; new labels get one from their text when saved. */
  key: string | null;
  label: string;
  /** The rating as typed; blank: no rating (a verdict off the true–false line). */
  rating: string;
  /** #rrggbb, or null: the colour follows from the rating. */
  color: string | null;
}

export interface ScaleDraft {
  bestRating: string;
  worstRating: string;
  labels: DraftLabel[];
}

export function draftOf(scale: VerdictScale): ScaleDraft {
  return {
    bestRating: String(scale.bestRating),
    worstRating: String(scale.worstRating),
    labels: scale.labels.map((label) => ({
      id: label.key,
      key: label.key,
      label: label.label,
      rating: label.ratingValue === null ? '' : String(label.ratingValue),
      color: label.color ?? null,
    })),
  };
}

let added = 0;

/** An empty row for a new verdict. */
export function newLabel(): DraftLabel {
  added += 1;
  return { id: `new-${added}`, key: null, label: '', rating: '', color: null };
}

/** "Mostly true" → "mostly_true"; unique among `taken`. */
export function keyFor(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize('NFKD')
      // Accents come apart under NFKD; dropping the marks keeps "ça" as "ca".
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'verdict';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/** The scale to send; the server checks it again (bounds, duplicates, labels in use). */
export function scaleOf(draft: ScaleDraft): VerdictScale {
  const taken = new Set(draft.labels.flatMap((label) => (label.key ? [label.key] : [])));
  return {
    bestRating: Number(draft.bestRating),
    worstRating: Number(draft.worstRating),
    labels: draft.labels.map((label) => {
      const key = label.key ?? keyFor(label.label, taken);
      taken.add(key);
      return {
        key,
        label: label.label.trim(),
        ratingValue: label.rating.trim() === '' ? null : Number(label.rating),
        ...(label.color ? { color: label.color } : {}),
      };
    }),
  };
}

/** One verdict in use, as it reads now and as it will read after saving. */
export interface VerdictMapping {
  key: string;
  claims: number;
  approved: number;
  before: { label: string; rating: number | null } | null;
  after: { label: string; rating: number | null } | null;
}

export function mappingOf(
  saved: VerdictScale,
  draft: VerdictScale,
  usage: VerdictUsage[],
): VerdictMapping[] {
  const find = (scale: VerdictScale, key: string) => {
    const label = scale.labels.find((l) => l.key === key);
    return label ? { label: label.label, rating: label.ratingValue } : null;
  };
  return usage
    .filter((use) => use.claims + use.approved > 0)
    .map((use) => ({
      key: use.key,
      claims: use.claims,
      approved: use.approved,
      before: find(saved, use.key),
      after: find(draft, use.key),
    }));
}
