// How every format names the text a report was made from and when (issue 15, "reports pinned
// to a text version"): the current text, read as the report was made, or a saved version —
// with the SHA-256 of the Yjs state read, so two reports can be told apart or matched.
import type { ReportData, ReportTextVersion } from '@factdesk/model';

/** "2026-12-01T12:00:00.000Z" → "1 December 2026, 12:00:00 UTC" (UTC: not the host's zone). */
export function formatDateTime(value: string | null): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${day}, ${date.toISOString().slice(11, 19)} UTC`;
}

const SAVED_AS: Record<Exclude<ReportTextVersion['kind'], 'current'>, string> = {
  import: 'the text as imported',
  named: 'named version',
  before_restore: 'the text kept before a restore',
};

/**
 * One line naming the text version, e.g. `“Before publication” (named version saved
 * 30 November 2026, 16:45:00 UTC) · version 5b0f… · SHA-256 9f86…` or `current text, read
 * 1 December 2026, 12:00:00 UTC · SHA-256 9f86…`. The version's name is user text: `quote`
 * escapes it for the format.
 */
export function textVersionLine(data: ReportData, quote: (name: string) => string): string {
  const version = data.textVersion;
  const hash = `SHA-256 ${version.sha256}`;
  if (version.kind === 'current' || version.id === null) {
    return `current text, read ${formatDateTime(data.generatedAt)} · ${hash}`;
  }
  const saved = formatDateTime(version.createdAt);
  const source = version.name
    ? `${quote(version.name)} (${SAVED_AS[version.kind]} saved ${saved})`
    : `${SAVED_AS[version.kind]}, saved ${saved}`;
  return `${source} · version ${version.id} · ${hash}`;
}

/** The short form machine-readable formats carry: `<version id>|current; sha256:<hex>`. */
export function textVersionId(version: ReportTextVersion): string {
  return `${version.id ?? 'current'}; sha256:${version.sha256}`;
}
