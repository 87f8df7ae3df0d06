// "Import article" for moderators: paste the text or upload a file (Markdown, HTML or plain
// text, read in the browser), add what is known about it, and open the new document.
import type { ImportDocumentBody, ImportFormat } from '@factdesk/model';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/useT.ts';

/** The server's default IMPORT_MAX_BYTES; larger articles are refused before sending. */
const MAX_BYTES = 2 * 1024 * 1024;

const FORMAT_LABELS: Record<ImportFormat, MessageId> = {
  md: 'import.format.md',
  html: 'import.format.html',
  txt: 'import.format.txt',
};

const FORMAT_OF_EXTENSION: Record<string, ImportFormat> = {
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  txt: 'txt',
};
const ACCEPT = Object.keys(FORMAT_OF_EXTENSION)
  .map((extension) => `.${extension}`)
  .join(',');

type Source = 'paste' | 'file';
type FieldName = keyof ImportDocumentBody;

/** A good first guess for pasted text; the person can change it. */
function sniffFormat(text: string): ImportFormat {
  if (/^\s*</.test(text) && /<\/?(p|h[1-6]|div|article|br|html|body)\b/i.test(text)) {
    return 'html';
  }
  if (/^(#{1,6} |[-*] |\d+\. |> )/m.test(text) || /\[[^\]]+\]\([^)]+\)/.test(text)) return 'md';
  return 'txt';
}

function megabytes(intl: IntlShape, bytes: number): string {
  return intl.formatNumber(bytes / (1024 * 1024), {
    style: 'unit',
    unit: 'megabyte',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

export function ImportDocumentDialog({
  workspaceId,
  open,
  onClose,
}: {
  workspaceId: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog open={open} title={t('documents.import')} onClose={onClose}>
      <ImportForm workspaceId={workspaceId} onClose={onClose} />
    </Dialog>
  );
}

function ImportForm({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }) {
  const navigate = useNavigate();
  const intl = useIntl();
  const t = useT();
  const [source, setSource] = useState<Source>('paste');
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState('');
  const [format, setFormat] = useState<ImportFormat>('txt');
  const [formatChosen, setFormatChosen] = useState(false);
  const [meta, setMeta] = useState({
    title: '',
    sourceUrl: '',
    outlet: '',
    author: '',
    publishedAt: '',
    language: '',
  });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [localError, setLocalError] = useState('');
  const ids = useId();

  const errorFor = (field: FieldName): string | undefined =>
    error?.field === field ? error.message : undefined;
  const generalError = error && !isFormField(error.field) ? error : undefined;

  function setMetaField(name: keyof typeof meta, value: string) {
    setMeta((current) => ({ ...current, [name]: value }));
  }

  function paste(text: string) {
    setContent(text);
    if (!formatChosen) setFormat(sniffFormat(text));
  }

  async function choose(file: File | undefined) {
    setLocalError('');
    setError(undefined);
    setContent('');
    setFileName('');
    if (!file) return;
    const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
    const fileFormat = FORMAT_OF_EXTENSION[extension];
    if (!fileFormat) {
      setLocalError(t('import.wrongType', { name: file.name }));
      return;
    }
    if (file.size > MAX_BYTES) {
      setLocalError(
        t('import.fileTooLarge', {
          name: file.name,
          size: megabytes(intl, file.size),
          max: megabytes(intl, MAX_BYTES),
        }),
      );
      return;
    }
    setFormat(fileFormat);
    setFileName(file.name);
    setContent(await file.text());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setLocalError('');
    const bytes = new TextEncoder().encode(content).length;
    if (bytes > MAX_BYTES) {
      setLocalError(
        t('import.textTooLarge', { size: megabytes(intl, bytes), max: megabytes(intl, MAX_BYTES) }),
      );
      return;
    }
    const body: ImportDocumentBody = { format, content };
    for (const [name, value] of Object.entries(meta) as Array<[keyof typeof meta, string]>) {
      if (value.trim() !== '') body[name] = value.trim();
    }
    setPending(true);
    try {
      const document = await api.importDocument(workspaceId, body);
      onClose();
      navigate(`/w/${workspaceId}/d/${document.id}`);
    } catch (caught) {
      setError(ApiError.from(caught));
      setPending(false);
    }
  }

  const contentError = localError || errorFor('content');

  return (
    <form className="import-form" onSubmit={submit} noValidate>
      <fieldset className="import-source">
        <legend>{t('import.article')}</legend>
        <div className="segmented" role="radiogroup" aria-label={t('import.how')}>
          {(['paste', 'file'] as const).map((option) => (
            <label key={option} className="segmented-option">
              <input
                type="radio"
                name="source"
                value={option}
                checked={source === option}
                onChange={() => {
                  setSource(option);
                  setContent('');
                  setFileName('');
                  setLocalError('');
                }}
              />
              {option === 'paste' ? t('import.paste') : t('import.upload')}
            </label>
          ))}
        </div>

        {source === 'paste' ? (
          <div className="field">
            <label htmlFor={`${ids}-content`}>{t('import.text')}</label>
            <textarea
              id={`${ids}-content`}
              className="import-text"
              value={content}
              onChange={(event) => paste(event.target.value)}
              rows={9}
              aria-invalid={contentError ? true : undefined}
              aria-describedby={`${ids}-content-hint`}
              placeholder={t('import.text.placeholder')}
            />
            <FieldMessage id={`${ids}-content-hint`} error={contentError}>
              {t('import.text.hint')}
            </FieldMessage>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${ids}-file`}>{t('import.file')}</label>
            <input
              id={`${ids}-file`}
              type="file"
              className="import-file"
              accept={ACCEPT}
              aria-invalid={contentError ? true : undefined}
              aria-describedby={`${ids}-file-hint`}
              onChange={(event) => void choose(event.target.files?.[0])}
            />
            <FieldMessage id={`${ids}-file-hint`} error={contentError}>
              {fileName ? t('import.fileReady', { name: fileName }) : t('import.file.hint')}
            </FieldMessage>
          </div>
        )}

        <div className="field import-format">
          <label htmlFor={`${ids}-format`}>{t('export.format')}</label>
          <select
            id={`${ids}-format`}
            value={format}
            aria-invalid={errorFor('format') ? true : undefined}
            onChange={(event) => {
              setFormat(event.target.value as ImportFormat);
              setFormatChosen(true);
            }}
          >
            {(Object.keys(FORMAT_LABELS) as ImportFormat[]).map((key) => (
              <option key={key} value={key}>
                {t(FORMAT_LABELS[key])}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset className="import-meta">
        <legend>{t('import.about')}</legend>
        <Field
          className="import-meta-wide"
          label={<Optional>{t('import.title')}</Optional>}
          value={meta.title}
          onChange={(event) => setMetaField('title', event.target.value)}
          maxLength={300}
          invalid={Boolean(errorFor('title'))}
          hint={<HintOrError error={errorFor('title')}>{t('import.title.hint')}</HintOrError>}
        />
        <Field
          className="import-meta-wide"
          label={<Optional>{t('import.sourceUrl')}</Optional>}
          type="url"
          inputMode="url"
          value={meta.sourceUrl}
          onChange={(event) => setMetaField('sourceUrl', event.target.value)}
          placeholder="https://"
          invalid={Boolean(errorFor('sourceUrl'))}
          hint={errorFor('sourceUrl') && <HintOrError error={errorFor('sourceUrl')} />}
        />
        <Field
          label={<Optional>{t('import.outlet')}</Optional>}
          value={meta.outlet}
          onChange={(event) => setMetaField('outlet', event.target.value)}
          maxLength={200}
          invalid={Boolean(errorFor('outlet'))}
          hint={errorFor('outlet') && <HintOrError error={errorFor('outlet')} />}
        />
        <Field
          label={<Optional>{t('import.author')}</Optional>}
          value={meta.author}
          onChange={(event) => setMetaField('author', event.target.value)}
          maxLength={200}
          invalid={Boolean(errorFor('author'))}
          hint={errorFor('author') && <HintOrError error={errorFor('author')} />}
        />
        <Field
          label={<Optional>{t('import.publishedAt')}</Optional>}
          type="date"
          value={meta.publishedAt}
          onChange={(event) => setMetaField('publishedAt', event.target.value)}
          invalid={Boolean(errorFor('publishedAt'))}
          hint={errorFor('publishedAt') && <HintOrError error={errorFor('publishedAt')} />}
        />
        <Field
          label={<Optional>{t('import.language')}</Optional>}
          value={meta.language}
          onChange={(event) => setMetaField('language', event.target.value)}
          maxLength={35}
          placeholder={t('import.language.placeholder')}
          invalid={Boolean(errorFor('language'))}
          hint={errorFor('language') && <HintOrError error={errorFor('language')} />}
        />
      </fieldset>

      <ErrorAlert error={generalError} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? t('import.pending') : t('documents.import')}
        </button>
      </div>
    </form>
  );
}

/** Fields whose errors show beside them; the rest (format, unknown) show above the buttons. */
const FORM_FIELDS: ReadonlySet<string> = new Set<FieldName>([
  'content',
  'title',
  'sourceUrl',
  'outlet',
  'author',
  'publishedAt',
  'language',
]);

function isFormField(field: string | undefined): boolean {
  return field !== undefined && FORM_FIELDS.has(field);
}

function Optional({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <>
      {children} <span className="optional">{t('form.optional')}</span>
    </>
  );
}

/** The field's hint, or the server's sentence about it in its place. */
function HintOrError({ error, children }: { error: string | undefined; children?: ReactNode }) {
  return error ? (
    <span className="field-error" role="alert">
      {error}
    </span>
  ) : (
    children
  );
}

function FieldMessage({
  id,
  error,
  children,
}: {
  id: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <p className="field-hint" id={id}>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        children
      )}
    </p>
  );
}
