// The short way to a translated string: t('documents.title', { count }). For messages that
// hold elements (links, <strong>), use <FormattedMessage> instead.
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from './catalogs.ts';

type Values = Record<string, string | number | boolean | Date | null | undefined>;

export type Translate = (id: MessageId, values?: Values) => string;

export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values), [intl]);
}
