// Property: whatever string arrives, the link rule either refuses it or returns a URL a reader
// can trust — allowed scheme, no credentials, nothing the parser had to repair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinkUrl, LINK_PROTOCOLS } from './checkLinkUrl.ts';
import { displayHost } from './displayHost.ts';
import { hostileString } from './hostileStrings.ts';

const url = fc.oneof(
  hostileString(),
  fc
    .tuple(
      fc.constantFrom('https://', 'http://', 'mailto:', 'javascript:', '//', 'HTTPS:\\\\'),
      hostileString(),
    )
    .map(([a, b]) => a + b),
  fc.webUrl().chain((base) => hostileString().map((tail) => base + tail)),
);

describe('the link rule, on hostile strings', () => {
  it('accepts only normalised http, https and mailto URLs without credentials, and refuses what a parser would repair', () => {
    fc.assert(
      fc.property(url, (input) => {
        const checked = checkLinkUrl(input, 'url');
        const inner = input.trim();
        if (/[\\\p{Cc}\s]/u.test(inner)) expect(checked.ok).toBe(false);
        if (!checked.ok) {
          expect(checked.problem.startsWith('url ')).toBe(true);
          return;
        }
        const parsed = new URL(checked.href);
        expect(LINK_PROTOCOLS).toContain(parsed.protocol);
        expect(parsed.username + parsed.password).toBe('');
        expect(checked.href).not.toMatch(/[\\\p{Cc}\s]/u);
        // Whatever is shown of the host is printable, and it is punycode or readable Unicode.
        expect(displayHost(checked.href)).not.toMatch(/[\p{Cc}\s]/u);
      }),
      { numRuns: 2_000 },
    );
  });
});
