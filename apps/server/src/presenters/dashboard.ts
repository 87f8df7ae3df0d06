// Time-to-verdict rows (queries/timeToVerdict.ts) as the API sends them.
import type { DashboardRow, Durations } from '@factdesk/model';
import type { DurationsRow } from '../queries/timeToVerdict.ts';

const NONE: Durations = { count: 0, medianSeconds: null, p90Seconds: null };

export function presentDurations(row: DurationsRow | undefined): Durations {
  if (!row) return NONE;
  return { count: row.count, medianSeconds: row.median_seconds, p90Seconds: row.p90_seconds };
}

/** One row per reviewer (or document) found in either figure, busiest first, then by name. */
export function presentRows(approved: DurationsRow[], proposed: DurationsRow[]): DashboardRow[] {
  const byId = new Map<string, DashboardRow>();
  const row = (source: DurationsRow) => {
    const id = source.id ?? '';
    const existing = byId.get(id);
    if (existing) return existing;
    const created: DashboardRow = {
      id,
      name: source.name ?? '',
      createdToApproved: NONE,
      assignedToProposed: NONE,
    };
    byId.set(id, created);
    return created;
  };
  for (const source of approved) row(source).createdToApproved = presentDurations(source);
  for (const source of proposed) row(source).assignedToProposed = presentDurations(source);
  const total = (r: DashboardRow) => r.createdToApproved.count + r.assignedToProposed.count;
  return [...byId.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
}
