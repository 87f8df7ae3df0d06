// Every environment variable the server and the command line read, validated once.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Where the embedded database lives when no DATABASE_URL is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** The origin browsers use to reach Factdesk: cookie `Secure` flag and the CSRF/Origin check. */
  publicUrl: URL;
  /** Further origins allowed to send cookie-authenticated writes (e.g. the Vite dev server). */
  extraOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  /** The built web app to serve at `/`; absent in API-only tests. */
  webDist: string | undefined;
  sessionDays: number;
}

export class ConfigError extends Error {}

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
    publicUrl,
    extraOrigins,
    logLevel,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    webDist: env.WEB_DIST === '' ? undefined : resolve(env.WEB_DIST || defaultWebDist()),
    sessionDays: integer(env, 'SESSION_DAYS', 30, 1, 365),
  };
}

function defaultWebDist(): string {
  // apps/server/dist/main.js → apps/web/dist
  return new URL('../../web/dist/', import.meta.url).pathname;
}
