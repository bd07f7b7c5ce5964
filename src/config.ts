// Every setting in one zod table: environment name, default, meaning, and whether it is a secret.
// Secrets can also come from a file named by `<NAME>_FILE` (Docker/systemd credentials).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TopstoryError } from './errors.js';
import { MODERATION_MODES } from './comments/moderation.js';

interface SettingSpec<T extends z.ZodType> {
  env: string;
  schema: T;
  /** Default as the operator would type it; undefined means "unset". */
  default?: string;
  doc: string;
  /** What the value may be, in words, for error messages and the README. */
  allowed: string;
  secret?: boolean;
}

function setting<T extends z.ZodType>(spec: SettingSpec<T>): SettingSpec<T> {
  return spec;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The settings table, sorted as the README shows it. */
export const settingsTable = {
  dataDir: setting({
    env: 'TOPSTORY_DATA_DIR', schema: z.string().min(1), default: './data',
    doc: 'Folder for the SQLite database and other local state', allowed: 'a folder path',
  }),
  databaseUrl: setting({
    env: 'TOPSTORY_DATABASE_URL',
    schema: z.string().regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://').optional(),
    doc: 'PostgreSQL connection URL; unset means SQLite in the data folder', allowed: 'a postgres:// URL, or unset',
    secret: true,
  }),
  host: setting({
    env: 'TOPSTORY_HOST', schema: z.string().min(1), default: '127.0.0.1',
    doc: 'Address the web server listens on', allowed: 'a host name or IP address',
  }),
  port: setting({
    env: 'TOPSTORY_PORT', schema: port, default: '3000',
    doc: 'Port the web server listens on (0 picks a free one)', allowed: 'an integer from 0 to 65535',
  }),
  baseUrl: setting({
    env: 'TOPSTORY_BASE_URL', schema: z.url({ protocol: /^https?$/ }).optional(),
    doc: 'Public URL of the site, used in links, feeds and the fetcher User-Agent; default http://HOST:PORT',
    allowed: 'an http(s) URL',
  }),
  secret: setting({
    env: 'TOPSTORY_SECRET', schema: z.string().min(32, 'must be at least 32 characters').optional(),
    doc: 'Key for signed tokens and keyed hashes; unset means one is generated and kept in the data folder',
    allowed: 'a string of 32 or more characters', secret: true,
  }),
  fetchAllowPrivate: setting({
    env: 'TOPSTORY_FETCH_ALLOW_PRIVATE', schema: z.string(), default: '',
    doc: 'CIDRs or host names the fetcher may reach although they are private or loopback (comma-separated)',
    allowed: 'comma-separated CIDRs or host names',
  }),
  fetchHostIntervalMs: setting({
    env: 'TOPSTORY_FETCH_HOST_INTERVAL_MS', schema: z.coerce.number().int().min(0).max(600_000), default: '1000',
    doc: 'Minimum time between two requests to one host (robots.txt Crawl-delay can raise it)', allowed: 'milliseconds from 0 to 600000',
  }),
  jobLeaseSeconds: setting({
    env: 'TOPSTORY_JOB_LEASE_SECONDS', schema: z.coerce.number().int().min(1).max(86_400), default: '300',
    doc: 'How long a worker holds a claimed job; a job of a worker that died is claimable again after this', allowed: 'seconds from 1 to 86400',
  }),
  logLevel: setting({
    env: 'TOPSTORY_LOG_LEVEL', schema: z.enum(logLevels), default: 'info',
    doc: 'Log level of the JSON logs on stderr', allowed: logLevels.join(', '),
  }),
  siteName: setting({
    env: 'TOPSTORY_SITE_NAME', schema: z.string().min(1).max(100), default: 'Topstory',
    doc: 'Name of the site shown in pages and feeds', allowed: '1 to 100 characters',
  }),
  dbPoolSize: setting({
    env: 'TOPSTORY_DB_POOL_SIZE', schema: positiveInt.max(100), default: '10',
    doc: 'PostgreSQL connections per process', allowed: 'an integer from 1 to 100',
  }),
  commentsModeration: setting({
    env: 'TOPSTORY_COMMENTS_MODERATION', schema: z.enum(MODERATION_MODES), default: 'hold-first-time',
    doc: 'Which new comments wait for a moderator: all, those of commenters without an approved comment, or none (too many links or a blocklisted word hold a comment in every mode)',
    allowed: MODERATION_MODES.join(', '),
  }),
  commentsOrder: setting({
    env: 'TOPSTORY_COMMENTS_ORDER', schema: z.enum(['oldest', 'newest']), default: 'oldest',
    doc: 'Order of top-level comments on article pages (replies are always oldest first)', allowed: 'oldest, newest',
  }),
  commentsMaxLinks: setting({
    env: 'TOPSTORY_COMMENTS_MAX_LINKS', schema: z.coerce.number().int().min(0).max(100), default: '2',
    doc: 'A comment with more links than this is held for moderation', allowed: 'an integer from 0 to 100',
  }),
  commentsBlocklist: setting({
    env: 'TOPSTORY_COMMENTS_BLOCKLIST', schema: z.string().max(100_000), default: '',
    doc: 'Words or phrases that hold a comment for moderation when found in its text, name, email or website (comma-separated, any case)',
    allowed: 'comma-separated words or phrases',
  }),
  commentsRatePerIp: setting({
    env: 'TOPSTORY_COMMENTS_RATE_PER_IP', schema: positiveInt.max(1_000_000), default: '10',
    doc: 'Comments one IP address may post within the rate window; more are answered 429 with Retry-After',
    allowed: 'an integer from 1 to 1000000',
  }),
  commentsRatePerEmail: setting({
    env: 'TOPSTORY_COMMENTS_RATE_PER_EMAIL', schema: positiveInt.max(1_000_000), default: '5',
    doc: 'Comments one email address may post within the rate window', allowed: 'an integer from 1 to 1000000',
  }),
  commentsRateWindowSeconds: setting({
    env: 'TOPSTORY_COMMENTS_RATE_WINDOW_SECONDS', schema: positiveInt.max(86_400), default: '600',
    doc: 'Length of the comment rate window', allowed: 'seconds from 1 to 86400',
  }),
  commentsIpRetentionDays: setting({
    env: 'TOPSTORY_COMMENTS_IP_RETENTION_DAYS', schema: positiveInt.max(3650), default: '30',
    doc: 'How long the keyed hash of a commenter\'s IP address is kept (`topstory comments purge-ip` clears older ones; the web process does it hourly)',
    allowed: 'days from 1 to 3650',
  }),
  commentsIpHeader: setting({
    env: 'TOPSTORY_COMMENTS_IP_HEADER', schema: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name').optional(),
    doc: 'Request header holding the client address, set by your reverse proxy (e.g. X-Real-IP); unset means the connection\'s address',
    allowed: 'a header name, or unset',
  }),
  akismetKey: setting({
    env: 'TOPSTORY_AKISMET_KEY', schema: z.string().min(1).optional(),
    doc: 'API key of an Akismet-compatible spam check; unset (the default) means no comment is sent to a third party',
    allowed: 'an API key, or unset', secret: true,
  }),
  akismetUrl: setting({
    env: 'TOPSTORY_AKISMET_URL', schema: z.url({ protocol: /^https?$/ }), default: 'https://rest.akismet.com/1.1',
    doc: 'Base URL of the Akismet-compatible API (used only when TOPSTORY_AKISMET_KEY is set)', allowed: 'an http(s) URL',
  }),
} as const;

type Table = typeof settingsTable;
type Values = { [K in keyof Table]: z.output<Table[K]['schema']> };

/** The validated configuration the composition root builds everything from. */
export type Config = Values & { baseUrl: string; sqlitePath: string };

/** A configuration error: names the variable and what is allowed; exits 2. */
export class ConfigError extends TopstoryError {
  constructor(message: string) {
    super('config', 'invalid_config', message, { exitCode: 2 });
  }
}

/** Reads and validates every setting from the environment (and `*_FILE` for secrets). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(settingsTable) as [keyof Table, SettingSpec<z.ZodType>][]) {
    let raw = env[spec.env];
    const fileVar = `${spec.env}_FILE`;
    if (spec.secret && env[fileVar] !== undefined && env[fileVar] !== '') {
      if (raw !== undefined && raw !== '') throw new ConfigError(`${spec.env} and ${fileVar} are both set; set one`);
      try {
        raw = readFileSync(env[fileVar], 'utf8').replace(/\r?\n$/, '');
      } catch (err) {
        throw new ConfigError(`${fileVar}: cannot read ${env[fileVar]}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    }
    if (raw === undefined || raw === '') raw = spec.default;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'invalid';
      const shown = spec.secret ? '(hidden)' : JSON.stringify(raw);
      throw new ConfigError(`${spec.env}=${shown} is not allowed (${reason}); allowed: ${spec.allowed}`);
    }
    values[key] = parsed.data;
  }
  const v = values as Values;
  const shownHost = v.host.includes(':') ? `[${v.host}]` : v.host;
  const baseUrl = (v.baseUrl ?? `http://${shownHost}:${v.port}`).replace(/\/+$/, '');
  return { ...v, baseUrl, sqlitePath: `${v.dataDir.replace(/\/+$/, '')}/topstory.db` };
}

/** The configuration as `NAME=value` lines with secrets replaced, for `topstory config`. */
export function redactedConfig(config: Config): Array<{ env: string; value: string; source: string }> {
  return (Object.entries(settingsTable) as [keyof Table, SettingSpec<z.ZodType>][]).map(([key, spec]) => {
    const value = config[key];
    const shown = value === undefined ? '' : spec.secret ? '(set, hidden)' : String(value);
    return { env: spec.env, value: shown, source: spec.doc };
  });
}

/** The settings table as Markdown, the source of the README's configuration section. */
export function configMarkdownTable(): string {
  const rows = Object.values(settingsTable).map((spec: SettingSpec<z.ZodType>) =>
    `| \`${spec.env}\` | ${spec.default === undefined || spec.default === '' ? '(unset)' : `\`${spec.default}\``} | ${spec.allowed} | ${spec.doc}${spec.secret ? ' (secret; `' + spec.env + '_FILE` reads it from a file)' : ''} |`);
  return ['| variable | default | allowed | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
