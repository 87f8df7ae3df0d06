import { describe, expect, it } from 'vitest';
import { findQuote } from './findQuote.ts';

describe('findQuote', () => {
  const text = 'A said the sky is green. B said: the sky is green, twice.';
  it('picks the occurrence whose prefix and suffix agree most', () => {
    const second = text.lastIndexOf('the sky is green');
    expect(
      findQuote(text, { exact: 'the sky is green', prefix: 'B said: ', suffix: ', twice' }),
    ).toEqual({
      from: second,
      to: second + 16,
    });
    expect(
      findQuote(text, { exact: 'the sky is green', prefix: 'A said ', suffix: '.' })?.from,
    ).toBe(7);
  });
  it('finds nothing when the exact quote is gone', () => {
    expect(findQuote(text, { exact: 'the sea', prefix: '', suffix: '' })).toBeNull();
  });
});
