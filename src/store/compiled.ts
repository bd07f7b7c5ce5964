// Queries compiled once and run again with new values. Kysely builds a query's tree and compiles it
// to SQL on every call; for the small queries an article page makes by the dozen (a story's
// version, the top stories, a few articles by id) that cost more than the database took to run
// them, and left the page's garbage to collect. A query compiled here is built once per dialect and
// shape, with marks in place of its values, and then only its values change.
import { CompiledQuery, type Compilable } from 'kysely';
import type { Tx } from './index.js';

/** A compiled query's text and, per parameter, the value it takes: an index into the values, or a constant of the query. */
export interface Compiled {
  sql: string;
  slots: Array<number | { constant: unknown }>;
}
const compiledQueries = new Map<string, Compiled>();
/**
 * Shapes remembered; past this the memory starts again. A shape's SQL grows with its IN list (a
 * story's articles: a few characters per id), so a thousand of them hold a few megabytes at most,
 * the texts SQLite's statement cache keeps anyway (src/store/index.ts).
 */
const maxShapes = 1000;

/** The mark standing for value `k` while a query is compiled: no id, time, count or limit is a negative non-integer. */
const markOf = (k: number): number => -0.5 - k;
/** The value a compiled parameter stands for (its index), or −1 when it is no mark of `count` values. */
const valueOf = (p: unknown, count: number): number => {
  if (typeof p !== 'number') return -1;
  const k = -0.5 - p;
  return Number.isInteger(k) && k >= 0 && k < count ? k : -1;
};

/**
 * Runs the query `build` makes, compiled once per dialect and `shape` (a name, and whatever its SQL
 * text depends on, such as the length of an IN list), with `values` in place of the marks `build`
 * was given (one per value, in order). Every mark must reach the compiled parameters; any other
 * parameter is a constant of the query and keeps its compiled value.
 */
export async function runCompiledOnce<R>(tx: Tx, shape: string, values: readonly unknown[], build: (marks: readonly number[]) => Compilable<R>): Promise<R[]> {
  const key = `${tx.dialect}\u0000${shape}`;
  let compiled = compiledQueries.get(key);
  if (!compiled) {
    compiled = compileWithMarks(shape, values.length, build);
    if (compiledQueries.size >= maxShapes) compiledQueries.clear();
    compiledQueries.set(key, compiled);
  }
  const { rows } = await tx.db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parametersOf(compiled, values)));
  return rows;
}

/**
 * The query `build` makes with `count` marks, compiled: its SQL and, per parameter, the value it
 * takes (see runCompiledOnce; `name` says which query in the error when a value is lost).
 */
export function compileWithMarks(name: string, count: number, build: (marks: readonly number[]) => Compilable): Compiled {
  const marks = Array.from({ length: count }, (_, k) => markOf(k));
  const query = build(marks).compile();
  const slots = query.parameters.map((p) => {
    const k = valueOf(p, count);
    return k >= 0 ? k : { constant: p };
  });
  const used = new Set(slots.filter((s): s is number => typeof s === 'number'));
  if (used.size !== count) throw new Error(`${name}: ${count - used.size} of ${count} values do not reach the compiled query ${query.sql}`);
  return { sql: query.sql, slots };
}

/** A compiled query's parameters for `values`. */
export function parametersOf(compiled: Compiled, values: readonly unknown[]): unknown[] {
  return compiled.slots.map((s) => (typeof s === 'number' ? values[s] : s.constant));
}
