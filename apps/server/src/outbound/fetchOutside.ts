// The one way the server fetches a URL someone gave it (evidence links, the archive service).
// Each hop: http/https only, no credentials in the URL, the host resolved once and every
// address it resolves to checked (addressPolicy), the connection pinned to the checked address
// so a second lookup cannot swap it (DNS rebinding); redirects followed by hand, at most
// `maxRedirects`, each one checked again; headers other than the harmless ones are dropped when a
// redirect leaves the origin; one time budget for the whole chain and a cap on the body.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { refusedAddressRange } from './addressPolicy.ts';

export interface OutboundLimits {
  /** The whole chain of requests, body included. */
  timeoutMs: number;
  /** The last response's body; past it the fetch is refused. */
  maxBytes: number;
  maxRedirects: number;
  /** Addresses fetched from even though they are not public (tests, an intranet archive). */
  allowAddresses: ReadonlySet<string>;
}

export type OutboundRefusalCode =
  | 'scheme'
  | 'credentials'
  | 'dns'
  | 'address'
  | 'redirects'
  | 'too_large'
  | 'timeout'
  | 'network';

/** A fetch the server would not make or could not finish; `message` says which and why. */
export class OutboundRefusal extends Error {
  constructor(
    readonly code: OutboundRefusalCode,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'OutboundRefusal';
  }
}

export interface OutboundRequest {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Only the status and headers matter (a link check): the body is read off and dropped. */
  discardBody?: boolean;
}

export interface OutboundResponse {
  status: number;
  /** Where the chain ended, after redirects. */
  url: string;
  /** Every URL redirected to, in order. */
  redirects: string[];
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Resolves a host name to its addresses (injectable so tests can play DNS). */
export type Resolver = (hostname: string) => Promise<string[]>;

const resolveWithSystem: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Sent on every hop; everything else only while the chain stays on the first origin. */
const HARMLESS_HEADERS = new Set(['accept', 'accept-language', 'user-agent']);

export async function fetchOutside(
  url: string,
  limits: OutboundLimits,
  outbound: OutboundRequest = {},
  resolve: Resolver = resolveWithSystem,
): Promise<OutboundResponse> {
  // Cleared when the chain ends: a budget that fired later would abort streams already done.
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), limits.timeoutMs);
  try {
    return await followChain(url, limits, outbound, resolve, budget.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function followChain(
  url: string,
  limits: OutboundLimits,
  outbound: OutboundRequest,
  resolve: Resolver,
  signal: AbortSignal,
): Promise<OutboundResponse> {
  const firstOrigin = new URL(url).origin;
  const redirects: string[] = [];
  let current = url;
  let { method = 'GET', body } = outbound;
  for (;;) {
    const target = parseTarget(current);
    const address = await checkedAddress(target, limits, resolve, signal);
    const headers = Object.fromEntries(
      Object.entries(outbound.headers ?? {}).filter(
        ([name]) => target.origin === firstOrigin || HARMLESS_HEADERS.has(name.toLowerCase()),
      ),
    );
    const response = await send(target, address, { method, headers, body }, limits, signal);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode) || typeof location !== 'string') {
      if (outbound.discardBody) await discard(response.body);
      return {
        status: response.statusCode,
        url: current,
        redirects,
        headers: flatHeaders(response.headers),
        body: outbound.discardBody
          ? new Uint8Array()
          : await readCapped(response.body, limits, current),
      };
    }
    await discard(response.body);
    if (redirects.length >= limits.maxRedirects) {
      throw new OutboundRefusal(
        'redirects',
        `more than ${limits.maxRedirects} redirects (the last one to ${location})`,
        current,
      );
    }
    current = new URL(location, current).href;
    redirects.push(current);
    if (response.statusCode === 303 || (response.statusCode !== 307 && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
  }
}

function parseTarget(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new OutboundRefusal('scheme', 'not a URL', url);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new OutboundRefusal(
      'scheme',
      `only http and https are fetched, not ${target.protocol}`,
      url,
    );
  }
  if (target.username || target.password) {
    throw new OutboundRefusal(
      'credentials',
      'URLs with a user name or password are not fetched',
      url,
    );
  }
  return target;
}

/** The one address the connection will use, after every address of the host passed. */
async function checkedAddress(
  target: URL,
  limits: OutboundLimits,
  resolve: Resolver,
  signal: AbortSignal,
): Promise<string> {
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await Promise.race([resolve(host), aborted(signal, target.href, limits)]);
    } catch (error) {
      if (error instanceof OutboundRefusal) throw error;
      throw new OutboundRefusal('dns', `${host} could not be resolved`, target.href);
    }
    if (addresses.length === 0) {
      throw new OutboundRefusal('dns', `${host} has no address`, target.href);
    }
  }
  for (const address of addresses) {
    if (limits.allowAddresses.has(address)) continue;
    const range = refusedAddressRange(address);
    if (range) {
      throw new OutboundRefusal(
        'address',
        `${host} resolves to ${address} (${range}), which the server does not fetch from`,
        target.href,
      );
    }
  }
  return addresses[0]!;
}

function aborted(signal: AbortSignal, url: string, limits: OutboundLimits): Promise<never> {
  return new Promise((_, reject) => {
    const refuse = () => reject(timedOut(url, limits));
    if (signal.aborted) refuse();
    else signal.addEventListener('abort', refuse, { once: true });
  });
}

function timedOut(url: string, limits: OutboundLimits): OutboundRefusal {
  return new OutboundRefusal('timeout', `no complete answer within ${limits.timeoutMs} ms`, url);
}

async function send(
  target: URL,
  address: string,
  outbound: Required<Pick<OutboundRequest, 'method' | 'headers'>> & { body: string | undefined },
  limits: OutboundLimits,
  signal: AbortSignal,
) {
  // Pinned: whatever name the socket layer asks about, it gets the address checked above.
  const family = isIP(address);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const dispatcher = new Agent({ connect: { lookup: pinned }, connections: 1 });
  try {
    return await request(target, {
      dispatcher,
      method: outbound.method,
      headers: outbound.headers,
      body: outbound.body,
      signal,
    });
  } catch (error) {
    await dispatcher.destroy().catch(() => {});
    if (signal.aborted) throw timedOut(target.href, limits);
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new OutboundRefusal('network', `${target.host} did not answer (${reason})`, target.href);
  } finally {
    // Closed once the body is read or destroyed; nothing is kept between fetches.
    void dispatcher.close().catch(() => {});
  }
}

/** Reads a little of a body off and drops it (more closes the socket): ends cleanly. */
async function discard(body: { dump(options: { limit: number }): Promise<void> }): Promise<void> {
  await body.dump({ limit: 16 * 1024 }).catch(() => {});
}

async function readCapped(
  body: AsyncIterable<Uint8Array>,
  limits: OutboundLimits,
  url: string,
): Promise<Uint8Array> {
  const { maxBytes } = limits;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        // Leaving the loop destroys the stream: nothing more is read.
        throw new OutboundRefusal('too_large', `the answer is larger than ${maxBytes} bytes`, url);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof OutboundRefusal) throw error;
    const name = (error as Error).name;
    if (name === 'AbortError' || name === 'TimeoutError') {
      throw timedOut(url, limits);
    }
    throw new OutboundRefusal('network', `the answer broke off (${(error as Error).message})`, url);
  }
  return Buffer.concat(chunks);
}

function flatHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
