import { describe, expect, it } from 'vitest';
import { checkLinkUrl, safeHref } from './checkLinkUrl.ts';
import { checkEvidenceUrl } from './evidenceUrl.ts';

describe('the link rule', () => {
  it.each([
    ['a backslash', 'https:\\\\host\\x', 'backslash'],
    ['a newline inside the host', 'https://exam\nple.com/', 'control character'],
    ['a BEL character', 'https://example.com/\u0007', 'control character'],
    ['a tab in the host', 'https://exa\tmple.com/', 'control character'],
    ['a space in the host', 'https://exa mple.com/', 'white space'],
    ['a no-break space in the host', 'https://exa\u00a0mple.com/', 'white space'],
    ['credentials', 'https://bank.example@evil.example/', 'user name or password'],
    ['javascript:', 'javascript:alert(1)', 'not javascript'],
    ['data:', 'data:text/html,<script>alert(1)</script>', 'not data'],
    ['vbscript:', 'vbscript:msgbox(1)', 'not vbscript'],
    ['a protocol-relative link', '//evil.example/', 'not a valid absolute URL'],
  ])('refuses %s instead of repairing it, naming the field', (_name, input, problem) => {
    const checked = checkLinkUrl(input, 'url');
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.problem).toMatch(/^url /);
      expect(checked.problem).toContain(problem);
    }
  });

  it('keeps http, https and mailto links, normalised with IDN hosts in punycode', () => {
    expect(safeHref(' https://bücher.example/a ')).toBe('https://xn--bcher-kva.example/a');
    expect(safeHref('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    expect(safeHref('http://localhost:8080/x')).toBe('http://localhost:8080/x');
  });

  it('lets evidence be web pages only', () => {
    expect(checkEvidenceUrl('mailto:desk@example.org', 'url')).toEqual({
      ok: false,
      problem: 'url must be an http or https URL (not mailto).',
      reason: 'scheme',
      schemes: 'web',
      scheme: 'mailto',
    });
    expect(checkEvidenceUrl('https://example.org/a', 'url')).toEqual({
      ok: true,
      href: 'https://example.org/a',
    });
  });
});
