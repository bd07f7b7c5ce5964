// Repository of settings an operator changes at run time (stored as JSON values by key).
import type { Tx } from './index.js';

/** A stored setting's value, or `fallback` when unset or unreadable. */
export async function getSetting<T>(tx: Tx, key: string, fallback: T): Promise<T> {
  const row = await tx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

/** Stores a setting (insert or replace). */
export async function setSetting(tx: Tx, key: string, value: unknown, now: number): Promise<void> {
  const json = JSON.stringify(value);
  await tx.db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}
