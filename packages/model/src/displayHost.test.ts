import { describe, expect, it } from 'vitest';
import { displayHost } from './displayHost.ts';

const href = (raw: string) => new URL(raw).href;

describe('displayHost', () => {
  it('shows a single-script, unconfusable IDN in Unicode', () => {
    expect(displayHost(href('https://bücher.example/'))).toBe('bücher.example');
    expect(displayHost(href('https://россия.рф/'))).toBe('россия.рф');
    expect(displayHost(href('https://例え.jp/'))).toBe('例え.jp');
    expect(displayHost(href('https://ελληνικά.gr/'))).toBe('ελληνικά.gr');
  });

  it('keeps a mixed-script label in punycode (Cyrillic а in apple)', () => {
    expect(displayHost(href('https://аpple.com/'))).toBe('xn--pple-43d.com');
  });

  it('keeps a whole-script confusable label in punycode (all-Cyrillic аррӏе)', () => {
    expect(displayHost(href('https://аррӏе.com/'))).toBe('xn--80ak6aa92e.com');
  });

  it('keeps a Latin label with an ASCII look-alike letter in punycode (ɑpple)', () => {
    expect(displayHost(href('https://ɑpple.com/'))).toBe('xn--pple-p5b.com');
  });

  it('shows the port', () => {
    expect(displayHost('http://localhost:8080/x')).toBe('localhost:8080');
    expect(displayHost('https://example.org:8443/')).toBe('example.org:8443');
    expect(displayHost('https://example.org/')).toBe('example.org');
  });
});
