// updateVerdictScale: the workspace owners replace the verdict scale. Labels in use on
// claims must stay (a claim's verdict would otherwise point at nothing).
import type { VerdictScale } from '@factdesk/model';
import type { Sql } from '../../db/database.ts';
import { BadRequestError, ConflictError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { listUsedVerdicts } from '../../queries/claims.ts';
import { setVerdictScale } from '../../queries/verdictScales.ts';
import { lockWorkspace } from '../../queries/workspaces.ts';

export async function updateVerdictScale(
  sql: Sql,
  workspaceId: string,
  scale: VerdictScale,
): Promise<VerdictScale> {
  if (scale.bestRating === scale.worstRating) {
    throw new BadRequestError(msg('errors.ratingsEqual'), 'bestRating');
  }
  const low = Math.min(scale.bestRating, scale.worstRating);
  const high = Math.max(scale.bestRating, scale.worstRating);
  const keys = new Set<string>();
  scale.labels.forEach((label, index) => {
    if (keys.has(label.key)) {
      throw new BadRequestError(
        msg('errors.labelKeyTwice', { index, key: label.key }),
        `labels.${index}.key`,
      );
    }
    keys.add(label.key);
    if (label.ratingValue !== null && (label.ratingValue < low || label.ratingValue > high)) {
      throw new BadRequestError(
        msg('errors.ratingOutOfScale', { index, low, high }),
        `labels.${index}.ratingValue`,
      );
    }
  });
  const cleaned: VerdictScale = {
    bestRating: scale.bestRating,
    worstRating: scale.worstRating,
    labels: scale.labels.map((label) => ({ ...label, label: label.label.trim() })),
  };
  await sql.begin(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const missing = (await listUsedVerdicts(tx, workspaceId)).filter((key) => !keys.has(key));
    if (missing.length > 0) {
      throw new ConflictError(
        msg('errors.labelsInUse', { labels: missing.join(', ') }),
        'verdict_in_use',
      );
    }
    await setVerdictScale(tx, workspaceId, cleaned);
  });
  return cleaned;
}
