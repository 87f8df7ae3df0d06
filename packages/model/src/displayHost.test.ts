import { describe, expect, it } from 'vitest';
import { displayHost, displayUrl } from './displayHost.ts';

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

describe('displayUrl', () => {
  it('shows the whole URL with a readable host in Unicode and a printable path decoded', () => {
    expect(displayUrl(href('https://bücher.example/été?q=ü#a'))).toBe(
      'https://bücher.example/été?q=ü#a',
    );
    expect(displayUrl('https://example.org/')).toBe('https://example.org');
    expect(displayUrl('http://example.org:8080/a/b')).toBe('http://example.org:8080/a/b');
  });

  it('keeps a deceptive host in punycode and invisible or direction-changing characters encoded', () => {
    expect(displayUrl(href('https://аpple.com/login'))).toBe('https://xn--pple-43d.com/login');
    expect(displayUrl('https://example.org/a%E2%80%AEfdp.exe')).toBe(
      'https://example.org/a%E2%80%AEfdp.exe',
    );
    expect(displayUrl('https://example.org/a%20b')).toBe('https://example.org/a%20b');
    expect(displayUrl('https://example.org/%C3%A9%3Cimg%3E')).toBe(
      'https://example.org/%C3%A9%3Cimg%3E',
    );
    expect(displayUrl('https://example.org/%FF')).toBe('https://example.org/%FF');
  });

  it('leaves what is not an http(s) URL unchanged', () => {
    expect(displayUrl('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    expect(displayUrl('not a url')).toBe('not a url');
  });
});
