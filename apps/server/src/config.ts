// Every environment variable the server and the command line read, validated once.
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { StartupError } from './errors.ts';
import type { OutboundLimits } from './outbound/fetchOutside.ts';

export interface Config {
  port: number;
  host: string;
  /** Where the embedded database lives when no DATABASE_URL is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Scale-out: instances share open documents through this Redis (REDIS_URL); absent, one instance. */
  redisUrl: string | undefined;
  /** Starts every Redis channel name (REDIS_PREFIX), so deployments can share one Redis. */
  redisPrefix: string;
  /** The origin browsers use to reach Factdesk: cookie `Secure` flag and the CSRF/Origin check. */
  publicUrl: URL;
  /** Further origins allowed to send cookie-authenticated writes (e.g. the Vite dev server). */
  extraOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  /** The built web app to serve at `/`; absent in API-only tests. */
  webDist: string | undefined;
  sessionDays: number;
  /** How long a password reset link works after it is issued (PASSWORD_RESET_HOURS). */
  passwordResetHours: number;
  /** Largest article accepted by import, in bytes of UTF-8 text (IMPORT_MAX_BYTES). */
  importMaxBytes: number;
  sync: SyncConfig;
  http: HttpLimits;
  heavyWork: HeavyWorkConfig;
  evidenceLinks: EvidenceLinksConfig;
  notifications: NotificationsConfig;
}

/** Notifications, their e-mail digests and reset links by e-mail: docs/notifications.md. */
export interface NotificationsConfig {
  /** Where e-mail goes out (SMTP_URL, e.g. smtp://user:pass@mail:587); absent: no e-mail. */
  smtpUrl: string | undefined;
  /** The sender of every e-mail (SMTP_FROM). */
  from: string;
  /** A person gets at most one digest this often (EMAIL_DIGEST_MINUTES). */
  digestMinutes: number;
  /** How often deadline reminders and due digests are looked for (NOTIFICATION_SCAN_MS). */
  scanMs: number;
}

/**
 * The evidence link checker and archiving (LINK_CHECK_*, ARCHIVE_*), and the limits of every
 * fetch of a URL someone typed (OUTBOUND_*): docs/evidence-links.md, docs/outbound.md.
 */
export interface EvidenceLinksConfig {
  outbound: OutboundLimits;
  /** A checked link is checked again after this many hours; 0 turns the checker off. */
  recheckHours: number;
  /** How often the checker looks for links that are due (new, edited, or a day old). */
  scanMs: number;
  archive: {
    /** The link is appended to this (Save Page Now of the Internet Archive by default). */
    endpoint: string;
    /** Sent as Authorization to the archive service only (e.g. "LOW key:secret"). */
    authorization: string | undefined;
    /** Archive each link once the checker finds it alive (ARCHIVE_AUTOMATICALLY, off). */
    automatically: boolean;
  };
}

/** Transport limits of the HTTP server (HTTP_*): what a slow or greedy client may hold. */
export interface HttpLimits {
  /** A request's headers (and a WebSocket handshake) must arrive within this, or 408 and close. */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** Open connections one source address may hold; 0 turns the cap off (behind a proxy). */
  maxConnectionsPerAddress: number;
}

/**
 * The worker pool that parses imports and renders reports off the event loop, and the budgets
 * of each job (HEAVY_WORK_*, IMPORT_*, REPORT_*). Past a cap the request gets 413 or 422.
 */
export interface HeavyWorkConfig {
  /** Worker threads: one core is left to the event loop. */
  threads: number;
  /** Jobs waiting for a thread before new ones get 503. */
  maxQueue: number;
  /** Old-generation heap of each worker, in MiB: a job past it gets 413. */
  memoryMb: number;
  /** CPU niceness of the worker threads (0 = as the event loop; 19 = lowest). */
  nice: number;
  import: {
    /** Deepest element nesting (HTML tags, Markdown blocks). */
    maxDepth: number;
    /** Most elements (tags, blocks, paragraphs). */
    maxNodes: number;
    /** Time one import may run on its worker. */
    timeBudgetMs: number;
  };
  report: {
    timeBudgetMs: number;
    /** Largest report file. */
    maxBytes: number;
  };
}

/** The sync server's knobs (COLLAB_*); defaults suit a newsroom, the benchmark raises some. */
export interface SyncConfig {
  batchWindowMs: number;
  unloadGraceMs: number;
  /** How often every open socket's access is re-checked (catches expired sessions). */
  recheckIntervalMs: number;
  maxMessageBytes: number;
  maxDocumentBytes: number;
  maxAwarenessBytes: number;
  awarenessPerSecond: number;
  maxBufferedBytes: number;
  maxConnectionsPerDocument: number;
  maxConnectionsPerUser: number;
  maxUnsavedBytes: number;
  /** How soon after a committed edit the document's claims are re-resolved against the text. */
  anchorRefreshMs: number;
  /** How soon after a committed edit the document's text is copied for search (throttle). */
  searchTextDelayMs: number;
  /**
   * Scale-out: how long another instance's relayed edits wait for its "saved" notice before
   * this instance stores them itself (that instance may have died with them unsaved).
   */
  relayHoldMs: number;
  /**
   * Scale-out: how long a document that loads waits for the instances holding it to send what
   * they have before its first clients are answered (their `synced` then covers those edits).
   */
  relayCatchUpMs: number;
  /**
   * Updates of at least this many bytes (a large paste, an offline session's sync) are checked
   * in the worker pool and applied in slices, so they never hold the event loop for long.
   */
  largeUpdateBytes: number;
  /** Structs of a large update applied per event-loop turn. */
  sliceStructs: number;
}

export class ConfigError extends StartupError {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

/** An on/off setting: 1/true/on or 0/false/off (empty: off); anything else is refused. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'off', 'no'].includes(raw)) return false;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}".`);
}

function url(name: string, raw: string): URL {
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
    return parsed;
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}".`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://.');
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\/[^/]/.test(redisUrl)) {
    throw new ConfigError(
      'REDIS_URL must start with redis:// or rediss://, e.g. redis://redis:6379.',
    );
  }
  const redisPrefix = env.REDIS_PREFIX ?? 'factdesk:';
  if (!/^[\w:.-]{0,64}$/.test(redisPrefix)) {
    throw new ConfigError(
      'REDIS_PREFIX may have at most 64 letters, digits and the characters _ : . - in it.',
    );
  }
  const publicUrl = url('PUBLIC_URL', env.PUBLIC_URL || `http://localhost:${port}`);
  const extraOrigins = (env.ALLOWED_ORIGINS || '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => url('ALLOWED_ORIGINS', origin).origin);
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR || 'data'),
    databaseUrl,
    redisUrl,
    redisPrefix,
    publicUrl,
    extraOrigins,
    logLevel,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    webDist: env.WEB_DIST === '' ? undefined : resolve(env.WEB_DIST || defaultWebDist()),
    sessionDays: integer(env, 'SESSION_DAYS', 30, 1, 365),
    passwordResetHours: integer(env, 'PASSWORD_RESET_HOURS', 24, 1, 168),
    importMaxBytes: integer(env, 'IMPORT_MAX_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    sync: loadSyncConfig(env),
    http: loadHttpLimits(env),
    heavyWork: loadHeavyWorkConfig(env),
    evidenceLinks: loadEvidenceLinksConfig(env),
    notifications: loadNotificationsConfig(env, publicUrl),
  };
}

function loadNotificationsConfig(env: NodeJS.ProcessEnv, publicUrl: URL): NotificationsConfig {
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    throw new ConfigError(
      'SMTP_URL must start with smtp:// or smtps://, e.g. smtp://user:password@mail.example.org:587.',
    );
  }
  return {
    smtpUrl,
    from: env.SMTP_FROM || `Factdesk <factdesk@${publicUrl.hostname}>`,
    digestMinutes: integer(env, 'EMAIL_DIGEST_MINUTES', 15, 1, 24 * 60),
    scanMs: integer(env, 'NOTIFICATION_SCAN_MS', 60_000, 100, 3_600_000),
  };
}

function loadHttpLimits(env: NodeJS.ProcessEnv): HttpLimits {
  const headersTimeoutMs = integer(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 60_000);
  const requestTimeoutMs = integer(env, 'HTTP_REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError('HTTP_REQUEST_TIMEOUT_MS must be at least HTTP_HEADERS_TIMEOUT_MS.');
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    maxConnectionsPerAddress: integer(env, 'HTTP_MAX_CONNECTIONS_PER_ADDRESS', 256, 0, 1_000_000),
  };
}

const MiB = 1024 * 1024;

function loadSyncConfig(env: NodeJS.ProcessEnv): SyncConfig {
  return {
    batchWindowMs: integer(env, 'COLLAB_BATCH_MS', 100, 1, 10_000),
    unloadGraceMs: integer(env, 'COLLAB_UNLOAD_GRACE_MS', 2_000, 0, 600_000),
    recheckIntervalMs: integer(env, 'COLLAB_RECHECK_MS', 30_000, 100, 3_600_000),
    maxMessageBytes: integer(env, 'COLLAB_MAX_MESSAGE_BYTES', MiB, 1024, 64 * MiB),
    maxDocumentBytes: integer(env, 'COLLAB_MAX_DOCUMENT_BYTES', 16 * MiB, 1024, 1024 * MiB),
    maxAwarenessBytes: integer(env, 'COLLAB_MAX_AWARENESS_BYTES', 8 * 1024, 256, MiB),
    awarenessPerSecond: integer(env, 'COLLAB_AWARENESS_PER_SECOND', 30, 1, 10_000),
    maxBufferedBytes: integer(env, 'COLLAB_MAX_BUFFERED_BYTES', 4 * MiB, 64 * 1024, 1024 * MiB),
    maxConnectionsPerDocument: integer(env, 'COLLAB_MAX_CONNECTIONS_PER_DOCUMENT', 250, 1, 100_000),
    maxConnectionsPerUser: integer(env, 'COLLAB_MAX_CONNECTIONS_PER_USER', 20, 1, 100_000),
    maxUnsavedBytes: integer(env, 'COLLAB_MAX_UNSAVED_BYTES', 64 * MiB, MiB, 4096 * MiB),
    anchorRefreshMs: integer(env, 'COLLAB_ANCHOR_REFRESH_MS', 750, 0, 60_000),
    searchTextDelayMs: integer(env, 'SEARCH_TEXT_DELAY_MS', 3_000, 0, 600_000),
    relayHoldMs: integer(env, 'COLLAB_RELAY_HOLD_MS', 10_000, 100, 600_000),
    relayCatchUpMs: integer(env, 'COLLAB_RELAY_CATCHUP_MS', 1_000, 0, 30_000),
    largeUpdateBytes: integer(env, 'COLLAB_LARGE_UPDATE_BYTES', 16 * 1024, 1, 64 * MiB),
    sliceStructs: integer(env, 'COLLAB_SLICE_STRUCTS', 1_000, 100, 1_000_000),
  };
}

function loadEvidenceLinksConfig(env: NodeJS.ProcessEnv): EvidenceLinksConfig {
  const allowAddresses = (env.OUTBOUND_ALLOW_ADDRESSES || '')
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  for (const address of allowAddresses) {
    if (!isIP(address)) {
      throw new ConfigError(
        `OUTBOUND_ALLOW_ADDRESSES must list IP addresses separated by commas, got "${address}".`,
      );
    }
  }
  return {
    outbound: {
      timeoutMs: integer(env, 'OUTBOUND_TIMEOUT_MS', 10_000, 100, 600_000),
      maxBytes: integer(env, 'OUTBOUND_MAX_BYTES', MiB, 1024, 64 * MiB),
      maxRedirects: 3,
      allowAddresses: new Set(allowAddresses),
    },
    recheckHours: integer(env, 'LINK_CHECK_HOURS', 24, 0, 24 * 365),
    scanMs: integer(env, 'LINK_CHECK_SCAN_MS', 5_000, 100, 3_600_000),
    archive: {
      endpoint: url('ARCHIVE_ENDPOINT', env.ARCHIVE_ENDPOINT || 'https://web.archive.org/save/')
        .href,
      authorization: env.ARCHIVE_AUTHORIZATION || undefined,
      automatically: flag(env, 'ARCHIVE_AUTOMATICALLY'),
    },
  };
}

function defaultWebDist(): string {
  // apps/server/dist/main.js → apps/web/dist
  return new URL('../../web/dist/', import.meta.url).pathname;
}

function loadHeavyWorkConfig(env: NodeJS.ProcessEnv): HeavyWorkConfig {
  return {
    threads: integer(env, 'HEAVY_WORK_THREADS', Math.max(1, availableParallelism() - 1), 1, 256),
    maxQueue: integer(env, 'HEAVY_WORK_QUEUE', 64, 1, 100_000),
    memoryMb: integer(env, 'HEAVY_WORK_MEMORY_MB', 512, 64, 16_384),
    nice: integer(env, 'HEAVY_WORK_NICE', 0, 0, 19),
    import: {
      maxDepth: integer(env, 'IMPORT_MAX_DEPTH', 128, 8, 1_000),
      maxNodes: integer(env, 'IMPORT_MAX_NODES', 50_000, 100, 10_000_000),
      timeBudgetMs: integer(env, 'IMPORT_TIME_BUDGET_MS', 10_000, 100, 600_000),
    },
    report: {
      timeBudgetMs: integer(env, 'REPORT_TIME_BUDGET_MS', 60_000, 100, 600_000),
      maxBytes: integer(env, 'REPORT_MAX_BYTES', 64 * MiB, 64 * 1024, 4096 * MiB),
    },
  };
}
