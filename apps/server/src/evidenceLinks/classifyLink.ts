// What a fetch of an evidence link says about the link, as a newsroom reads it: alive; moved
// (it now answers from another address, which reports should cite); dead (404, 410: the page
// is gone); unreachable (no answer, a timeout, another error status: it may come back, and a
// 403 is often a wall against robots rather than a dead page); refused (the server does not
// fetch from that address, e.g. an intranet host).

import { OutboundRefusal, type OutboundResponse } from '../outbound/fetchOutside.ts';
import type { LinkCheckResult } from '../queries/evidenceLinks.ts';

const GONE = new Set([404, 410]);
const NOT_FETCHED = new Set(['scheme', 'credentials', 'address']);

export function classifyLink(
  requested: string,
  outcome: OutboundResponse | unknown,
): LinkCheckResult {
  if (outcome instanceof OutboundRefusal) {
    return {
      state: NOT_FETCHED.has(outcome.code) ? 'refused' : 'unreachable',
      httpStatus: null,
      finalUrl: null,
      problem: outcome.message,
    };
  }
  if (!isResponse(outcome)) {
    return { state: 'unreachable', httpStatus: null, finalUrl: null, problem: String(outcome) };
  }
  const status = outcome.status;
  if (GONE.has(status)) {
    return { state: 'dead', httpStatus: status, finalUrl: null, problem: `answered ${status}` };
  }
  if (status >= 400) {
    return {
      state: 'unreachable',
      httpStatus: status,
      finalUrl: null,
      problem: `answered ${status}`,
    };
  }
  const moved = sameDocument(requested, outcome.url) ? null : outcome.url;
  return { state: moved ? 'moved' : 'alive', httpStatus: status, finalUrl: moved, problem: null };
}

function isResponse(outcome: unknown): outcome is OutboundResponse {
  return typeof (outcome as OutboundResponse | undefined)?.status === 'number';
}

/** http → https, a trailing slash and the fragment are not a move. */
function sameDocument(a: string, b: string): boolean {
  const key = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname.replace(/\/$/, '')}${parsed.search}`;
  };
  return key(a) === key(b);
}
