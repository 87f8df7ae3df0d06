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
import type { IntlShape } from 'react-intl';
import { FormattedMessage, useIntl } from 'react-intl';
import { errorText } from '../api/ApiError.ts';
import type { MessageId } from '../i18n/catalogs.ts';
import { useT } from '../i18n/useT.ts';

const FORMATS: Record<ReportFormat, { label: string; hint: MessageId }> = {
  html: { label: 'HTML', hint: 'export.format.html' },
  pdf: { label: 'PDF', hint: 'export.format.pdf' },
  md: { label: 'Markdown', hint: 'export.format.md' },
  csv: { label: 'CSV', hint: 'export.format.csv' },
  json: { label: 'JSON', hint: 'export.format.json' },
  claimreview: { label: 'ClaimReview JSON-LD', hint: 'export.format.claimreview' },
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
  const t = useT();
  return (
    <Dialog open={open} title={t('export.title')} onClose={onClose}>
      <ExportForm documentId={documentId} title={title} onClose={onClose} />
    </Dialog>
  );
}

const SAVED_AS: Record<DocumentVersion['kind'], MessageId> = {
  import: 'version.kind.import',
  named: 'version.kind.named',
  before_restore: 'version.kind.beforeRestore',
};

/** "Before publication — 6 Dec 2026, 14:02", or what saved it when it has no name. */
function versionLabel(intl: IntlShape, version: DocumentVersion): string {
  return intl.formatMessage(
    { id: version.reportable ? 'export.version' : 'export.versionWithoutReport' },
    {
      name: version.name ?? intl.formatMessage({ id: SAVED_AS[version.kind] }),
      date: formatDateTime(intl, version.createdAt),
    },
  );
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
  const intl = useIntl();
  const t = useT();
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
        <FormattedMessage
          id="export.intro"
          values={{ title, strong: (chunks) => <strong>{chunks}</strong> }}
        />
      </p>

      <fieldset className="export-group">
        <legend>{t('export.format')}</legend>
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
                  {t(FORMATS[key].hint)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field export-version">
        <label htmlFor={`${ids}-version`}>{t('export.textVersion')}</label>
        <select
          id={`${ids}-version`}
          value={version}
          onChange={(event) => setVersion(event.target.value)}
          aria-describedby={`${ids}-version-hint`}
        >
          <option value="">{t('export.currentText')}</option>
          {versions.data?.map((saved) => (
            <option key={saved.id} value={saved.id} disabled={!saved.reportable}>
              {versionLabel(intl, saved)}
            </option>
          ))}
        </select>
        <span className="export-format-hint" id={`${ids}-version-hint`}>
          {versions.error
            ? t('export.versionsFailed', { reason: errorText(intl, versions.error) })
            : version
              ? t('export.versionHint')
              : t('export.currentHint')}
        </span>
      </div>

      <fieldset className="export-group">
        <legend>{t('export.claims')}</legend>
        <label className="export-check">
          <input
            type="radio"
            name={`${ids}-scope`}
            checked={scope === 'approved'}
            onChange={() => setScope('approved')}
          />
          <FormattedMessage
            id="export.approvedOnly"
            values={{ muted: (chunks) => <span className="muted">{chunks}</span> }}
          />
        </label>
        <label className="export-check">
          <input
            type="radio"
            name={`${ids}-scope`}
            checked={scope === 'all'}
            onChange={() => setScope('all')}
          />
          <FormattedMessage
            id="export.allClaims"
            values={{ muted: (chunks) => <span className="muted">{chunks}</span> }}
          />
        </label>
      </fieldset>

      <fieldset className="export-group">
        <legend>{t('export.include')}</legend>
        <label className="export-check">
          <input
            type="checkbox"
            checked={evidence}
            onChange={(event) => setEvidence(event.target.checked)}
          />
          {t('export.evidence')}
        </label>
        <label className="export-check">
          <input
            type="checkbox"
            checked={articleText}
            onChange={(event) => setArticleText(event.target.checked)}
          />
          {t('export.articleText')}
        </label>
      </fieldset>

      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('action.close')}
        </button>
        <a className="button button-primary" href={href} download>
          <Icon name="download" />
          {t('export.download', { format: FORMATS[format].label })}
        </a>
      </div>
    </div>
  );
}
