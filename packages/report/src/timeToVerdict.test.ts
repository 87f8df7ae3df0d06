// Time to verdict as the HTML, Markdown and PDF reports print it.
import { describe, expect, it } from 'vitest';
import { sampleReport } from './__fixtures__/sampleReport.ts';
import { formatElapsed, timeToVerdictText } from './timeToVerdict.ts';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatElapsed', () => {
  it.each([
    [0, '< 1 min'],
    [59, '< 1 min'],
    [40 * MINUTE, '40 min'],
    [5 * HOUR, '5 h'],
    [5 * HOUR + 20 * MINUTE + 59, '5 h 20 min'],
    [2 * DAY + 4 * HOUR + 59 * MINUTE, '2 d 4 h'],
    [3 * DAY, '3 d'],
    [45 * DAY + HOUR, '45 d 1 h'],
  ])('%i s reads "%s"', (seconds, expected) => {
    expect(formatElapsed(seconds)).toBe(expected);
  });
});

describe('timeToVerdictText', () => {
  it('says both spans, only the one known, or nothing', () => {
    const [approved, , inReview] = sampleReport({ scope: 'all' }).claims;
    if (!approved || !inReview) throw new Error('fixture changed');
    expect(timeToVerdictText(approved)).toBe(
      'created → approved 1 d 23 h · assigned → proposed 1 d 2 h',
    );
    expect(
      timeToVerdictText({
        ...inReview,
        timeToVerdict: { createdToApprovedSeconds: null, assignedToProposedSeconds: 600 },
      }),
    ).toBe('assigned → proposed 10 min');
    expect(timeToVerdictText(inReview)).toBeNull();
  });
});
