import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../i18n/catalogs.ts';
import { formatDuration } from './formatDuration.ts';

const english = createIntl({ locale: 'en', messages: CATALOGS.en });
const french = createIntl({ locale: 'fr', messages: CATALOGS.fr });

describe('formatDuration', () => {
  it.each([
    [0, '< 1 min'],
    [29, '< 1 min'],
    [31, '1 min'],
    [40 * 60, '40 min'],
    [3600, '1 h'],
    [5 * 3600 + 20 * 60, '5 h 20 min'],
    [2 * 3600 + 59.7 * 60, '3 h'],
    [47 * 3600, '47 h'],
    [2 * 86400, '2 days'],
    [3.5 * 86400, '3.5 days'],
    [42.4 * 86400, '42 days'],
  ])('%s s reads "%s"', (seconds, text) => {
    expect(formatDuration(english, seconds)).toBe(text);
  });

  it.each([
    [40 * 60, '40 min'],
    [5 * 3600 + 20 * 60, '5 h 20 min'],
    [2 * 86400, '2 jours'],
    [3.5 * 86400, '3,5 jours'],
  ])('%s s reads "%s" in French', (seconds, text) => {
    expect(formatDuration(french, seconds).replace(/\s/g, ' ')).toBe(text);
  });
});
