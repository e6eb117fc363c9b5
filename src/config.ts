import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting comes from the environment and is validated once, at start.
 * A bad value stops the process with a one-line reason instead of failing later.
 */
const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).default('./data/gongkai.db'),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  BASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Minutes of inactivity after which a staff session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Hours after which a session ends however active it is. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Code of the agency served at "/" when the request's host names none. */
  DEFAULT_SITE: z.string().optional(),
  /** Set to "true" when a TLS-terminating proxy sits in front, so cookies get the Secure flag. */
  /** Requests per minute per address before 429 (sign-in has its own stricter limit). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Sign-in attempts per minute per address, before the account and address lockouts even count. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  /**
   * Citizens' submissions (messages, comments) per address per hour before 429. docs/contract.md POST /api/v1/messages: an address may send at
   * least 20 an hour, so the challenge starts after 20 and the limit, challenged attempts included, is 30.
   */
  MESSAGE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** Messages per contact (e-mail or phone) per hour before 429. */
  MESSAGE_LIMIT_PER_CONTACT: z.coerce.number().int().min(1).default(20),
  /** Submissions per address per hour after which the challenge is asked; 0 = never. */
  CHALLENGE_AFTER: z.coerce.number().int().min(0).default(20),
  /** Seconds a client may take to send one whole request (headers and body) before 408. */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** Sender of notification mail. */
  MAIL_FROM: z.string().default('政务公开平台 <noreply@localhost>'),
  /** File holding the audit chain's HMAC key (base64); default DATA_DIR/keys/audit.key, created 0600 when missing. */
  AUDIT_KEY_FILE: z.string().optional(),
  /** The audit key itself (base64, at least 32 bytes), instead of the file. */
  AUDIT_KEY: z
    .string()
    .refine((k) => /^[A-Za-z0-9+/]+=*$/.test(k) && Buffer.from(k, 'base64').length >= 32, 'base64 of at least 32 bytes')
    .optional(),
  /** Append-only log of the audit chain's sealed heads; default DATA_DIR/audit/checkpoints.log. */
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  /** Seconds between checkpoints while records are appended (also after every 1000 records, at shutdown and verify). */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

/** Custody of the audit chain outside the database (docs/adr/0006-audit-log.md). */
export interface AuditSettings {
  keyFile: string;
  /** Base64 key from AUDIT_KEY; when set, no key file is read or created. */
  key: string | undefined;
  checkpointFile: string;
  checkpointSeconds: number;
  checkpointRecords: number;
}

export interface Config {
  databaseUrl: string;
  dataDir: string;
  port: number;
  host: string;
  baseUrl: string | undefined;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  trustProxy: string[];
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  defaultSite: string | undefined;
  cookieSecure: 'true' | 'false' | 'auto';
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  messageLimitPerHour: number;
  messageLimitPerContact: number;
  challengeAfter: number;
  mailFrom: string;
  audit: AuditSettings;
  requestTimeoutMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`invalid setting ${first?.path.join('.') ?? ''}: ${first?.message ?? 'unknown'}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    databaseUrl: isPostgresUrl(e.DATABASE_URL) ? e.DATABASE_URL : path.resolve(e.DATABASE_URL),
    dataDir,
    port: e.PORT,
    host: e.HOST,
    baseUrl: e.BASE_URL,
    redisUrl: e.REDIS_URL || undefined,
    smtpUrl: e.SMTP_URL || undefined,
    trustProxy: (e.TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    defaultSite: e.DEFAULT_SITE || undefined,
    cookieSecure: e.COOKIE_SECURE,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    messageLimitPerHour: e.MESSAGE_LIMIT_PER_HOUR,
    messageLimitPerContact: e.MESSAGE_LIMIT_PER_CONTACT,
    challengeAfter: e.CHALLENGE_AFTER,
    mailFrom: e.MAIL_FROM,
    audit: {
      keyFile: path.resolve(e.AUDIT_KEY_FILE || path.join(dataDir, 'keys', 'audit.key')),
      key: e.AUDIT_KEY || undefined,
      checkpointFile: path.resolve(e.AUDIT_CHECKPOINT_FILE || path.join(dataDir, 'audit', 'checkpoints.log')),
      checkpointSeconds: e.AUDIT_CHECKPOINT_SECONDS,
      checkpointRecords: 1000,
    },
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    ...overrides,
  };
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
