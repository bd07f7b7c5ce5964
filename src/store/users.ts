// Repository of admin users, their sessions and API keys. Passwords are scrypt hashes; session
// tokens and API keys are stored only as SHA-256 hashes, so a leaked database opens no account.
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { TopstoryError } from '../errors.js';
import type { Tx } from './index.js';
import type { UserRow } from './schema.js';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when `password` matches a hash made by hashPassword (constant-time comparison). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** SHA-256 of a token, hex: what is stored for session tokens and API keys. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Rules for admin names: 1 to 64 letters, digits, dot, dash or underscore. */
export const USER_NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

/** Creates an admin user; refuses a taken name or a password shorter than 8 characters. */
export async function createUser(tx: Tx, name: string, password: string, now: number): Promise<UserRow> {
  if (!USER_NAME.test(name)) throw new TopstoryError('store', 'invalid_user', 'user name must be 1 to 64 letters, digits, ".", "-" or "_"', { exitCode: 2 });
  if (password.length < 8) throw new TopstoryError('store', 'weak_password', 'password must be at least 8 characters', { exitCode: 2 });
  if (password.length > 1024) throw new TopstoryError('store', 'invalid_password', 'password must be at most 1024 characters', { exitCode: 2 });
  const taken = await tx.db.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst();
  if (taken) throw new TopstoryError('store', 'duplicate_user', `user "${name}" already exists`);
  return tx.db
    .insertInto('users')
    .values({ name, password_hash: await hashPassword(password), role: 'admin', created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces a user's password. */
export async function setUserPassword(tx: Tx, name: string, password: string): Promise<boolean> {
  if (password.length < 8) throw new TopstoryError('store', 'weak_password', 'password must be at least 8 characters', { exitCode: 2 });
  const result = await tx.db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('name', '=', name).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The user whose name and password match, or undefined. */
export async function authenticateUser(tx: Tx, name: string, password: string): Promise<UserRow | undefined> {
  const user = await tx.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  if (!user) return undefined;
  return (await verifyPassword(password, user.password_hash)) ? user : undefined;
}

/** Starts a session; returns the token to put in the cookie. */
export async function createSession(tx: Tx, userId: number, now: number, ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.db.insertInto('sessions').values({ token_hash: tokenHash(token), user_id: userId, created_at: now, expires_at: now + ttlMs }).execute();
  return token;
}

/** The user of a live session token, or undefined. */
export async function sessionUser(tx: Tx, token: string, now: number): Promise<UserRow | undefined> {
  return tx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

/** Ends a session. */
export async function deleteSession(tx: Tx, token: string): Promise<void> {
  await tx.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

/** Creates an API key for a user; returns the key, shown once. */
export async function createApiKey(tx: Tx, userId: number, name: string, now: number): Promise<string> {
  const key = `tsk_${randomBytes(24).toString('base64url')}`;
  await tx.db.insertInto('api_keys').values({ user_id: userId, name, key_hash: tokenHash(key), created_at: now }).execute();
  return key;
}

/** The user an API key belongs to (and notes its use), or undefined. */
export async function apiKeyUser(tx: Tx, key: string, now: number): Promise<UserRow | undefined> {
  const row = await tx.db.selectFrom('api_keys').select(['id', 'user_id']).where('key_hash', '=', tokenHash(key)).executeTakeFirst();
  if (!row) return undefined;
  await tx.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  return tx.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirst();
}
