// Hostile strings for property tests (fast-check): random text mixed with the fragments real
// attacks use against spreadsheets, Markdown, HTML, JSON-LD and URL parsers. Shared by the
// tests of every package that takes user text, so each is tried against the same payloads.
import fc from 'fast-check';

export const HOSTILE_FRAGMENTS = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  ' ',
  '"',
  "'",
  '＝',
  '=HYPERLINK("http://evil.example","x")',
  '@SUM(A1:A2)',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'ftp://files.example/x',
  '//evil.example/x',
  '[r]: javascript:alert(1)',
  '[x][r]',
  '[a](javascript:alert(1))',
  '[a](<javascript:alert(1)>)',
  '<javascript:alert(1)>',
  '<https://ok.example/>',
  'https://ok.example/a',
  'www.example.com',
  'mailto:desk@example.org',
  '</script>',
  '</SCRIPT >',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u0000',
  '\u0007',
  '\\',
  '&lt;',
  '](',
  '*',
  '_',
  '`',
  '#',
  '>',
  '|',
] as const;

/** A string of random text and hostile fragments, in any order, as an attacker would type it. */
export function hostileString(): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.string({ maxLength: 8 })), {
      maxLength: 12,
    })
    .map((parts) => parts.join(''));
}
