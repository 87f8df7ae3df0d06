// "Export report": pick a format, the text version and what goes in, then download. The link
// points straight at the report route, so the browser downloads the file itself (the server
// names it). A saved version gives the same report every time (docs/report.md).
import type { DocumentVersion, ReportScope } from '@factdesk/model';
import { useId, useState } from 'react';
import { api, REPORT_FORMATS, type ReportFormat, reportUrl } from '../api/api.ts';
import { useResource } from '../state/useResource.ts';
import { Dialog } from './Dialog.tsx';
import { formatDateTime } from './formatDate.ts';
import { Icon } from './Icon.tsx';
import './ExportDialog.css';

const FORMATS: Record<ReportFormat, { label: string; hint: string }> = {
  html: { label: 'HTML', hint: 'A printable page' },
  pdf: { label: 'PDF', hint: 'To send or archive' },
  md: { label: 'Markdown', hint: 'For a CMS or a wiki' },
  csv: { label: 'CSV', hint: 'One row per claim, for spreadsheets' },
  json: { label: 'JSON', hint: 'Everything, for other programs' },
  claimreview: { label: 'ClaimReview JSON-LD', hint: 'schema.org markup for search engines' },
};

export function ExportDialog({
  documentId,
  title,
  open,
  onClose,
}: {
  documentId: string;
  title: string;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title="Export verdict report" onClose={onClose}>
      <ExportForm documentId={documentId} title={title} onClose={onClose} />
    </Dialog>
  );
}

const SAVED_AS: Record<DocumentVersion['kind'], string> = {
  import: 'As imported',
  named: 'Saved version',
  before_restore: 'Kept before a restore',
};

/** "Before publication — 6 Dec 2026, 14:02", or what saved it when it has no name. */
function versionLabel(version: DocumentVersion): string {
  const label = `${version.name ?? SAVED_AS[version.kind]} — ${formatDateTime(version.createdAt)}`;
  return version.reportable ? label : `${label} (saved before reports were kept with versions)`;
}

function ExportForm({
  documentId,
  title,
  onClose,
}: {
  documentId: string;
  title: string;
  onClose: () => void;
}) {
  const [format, setFormat] = useState<ReportFormat>('html');
  const [scope, setScope] = useState<ReportScope>('approved');
  const [evidence, setEvidence] = useState(true);
  const [articleText, setArticleText] = useState(false);
  const [version, setVersion] = useState('');
  const versions = useResource(`versions:${documentId}`, () => api.versions(documentId));
  const ids = useId();
  const href = reportUrl(documentId, {
    format,
    scope,
    evidence,
    articleText,
    version: version || undefined,
  });

  return (
    <div className="export-form">
      <p className="dialog-body">
        The report of <strong>{title}</strong>: its metadata, a summary by verdict and every claim
        with its quote, verdict and rationale.
      </p>

      <fieldset className="export-group">
        <legend>Format</legend>
        <div className="export-formats">
          {REPORT_FORMATS.map((key) => (
            <label key={key} className="export-format">
              <input
                type="radio"
                name={`${ids}-format`}
                value={key}
                checked={format === key}
                onChange={() => setFormat(key)}
                aria-describedby={`${ids}-${key}-hint`}
              />
              <span>
                <span className="export-format-label">{FORMATS[key].label}</span>
                <span className="export-format-hint" id={`${ids}-${key}-hint`}>
                  {FORMATS[key].hint}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field export-version">
        <label htmlFor={`${ids}-version`}>Text version</label>
        <select
          id={`${ids}-version`}
          value={version}
          onChange={(event) => setVersion(event.target.value)}
          aria-describedby={`${ids}-version-hint`}
        >
          <option value="">Current text</option>
          {versions.data?.map((saved) => (
            <option key={saved.id} value={saved.id} disabled={!saved.reportable}>
              {versionLabel(saved)}
            </option>
          ))}
        </select>
        <span className="export-format-hint" id={`${ids}-version-hint`}>
          {versions.error
            ? `Saved versions could not be loaded: ${versions.error.message}`
            : version
              ? 'The claims and verdicts as they were when this version was saved: the same report every time.'
              : 'The text and claims as they are now.'}
        </span>
      </div>

      <fieldset className="export-group">
        <legend>Claims</legend>
        <label className="export-check">
          <input
            type="radio"
            name={`${ids}-scope`}
            checked={scope === 'approved'}
            onChange={() => setScope('approved')}
          />
          Approved claims only <span className="muted">(for publication)</span>
        </label>
        <label className="export-check">
          <input
            type="radio"
            name={`${ids}-scope`}
            checked={scope === 'all'}
            onChange={() => setScope('all')}
          />
          All claims <span className="muted">(including work in progress)</span>
        </label>
      </fieldset>

      <fieldset className="export-group">
        <legend>Include</legend>
        <label className="export-check">
          <input
            type="checkbox"
            checked={evidence}
            onChange={(event) => setEvidence(event.target.checked)}
          />
          Evidence of each claim
        </label>
        <label className="export-check">
          <input
            type="checkbox"
            checked={articleText}
            onChange={(event) => setArticleText(event.target.checked)}
          />
          The article text, claims highlighted
        </label>
      </fieldset>

      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Close
        </button>
        <a className="button button-primary" href={href} download>
          <Icon name="download" />
          Download {FORMATS[format].label}
        </a>
      </div>
    </div>
  );
}
