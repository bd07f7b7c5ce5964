// Postings of the clusterer's candidate index: key id → story slots, least recently (re)indexed
// first, at most a fixed number per key. Every non-empty list has a block of its own in one pool
// of 32-bit integers (its length, then its slots), found through a dense table indexed by key:
// counting an article's candidates reads one table entry and one block per key, where lists of
// JavaScript arrays cost a pointer chase to the array and another to its elements, which hold
// 64-bit values. Blocks of emptied lists are reused.

/** A typed array of at least `size` elements holding `array`'s values; new places hold `fill`. */
export function grownInts(array: Int32Array<ArrayBuffer>, size: number, fill: number): Int32Array<ArrayBuffer> {
  let capacity = Math.max(array.length, 16);
  while (capacity < size) capacity *= 2;
  const next = new Int32Array(capacity);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

/** Story slots per index key, in order of (re)indexing, capped at `capacity` per key. */
export class StoryPostings {
  /** Per key: its block's start in `pool` (the length, then the slots), −1 for an empty list. */
  private blockOf: Int32Array<ArrayBuffer> = new Int32Array(1024).fill(-1);
  private pool: Int32Array<ArrayBuffer>;
  /** Blocks in use or freed, and the freed ones (starts) ready to be taken again. */
  private blocks = 0;
  private readonly freeBlocks: number[] = [];
  /** Per key: `stamp` while the key is in the key list being written (see `replace`). */
  private marks: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private stamp = 0;
  private readonly stride: number;

  /** `capacity`: slots a key keeps (the most recently indexed ones). */
  constructor(readonly capacity: number) {
    this.stride = capacity + 1;
    this.pool = new Int32Array(64 * this.stride);
  }

  /** The postings of a key, oldest first (a copy; for tests and inspection). */
  list(key: number): number[] {
    const at = key < this.blockOf.length ? this.blockOf[key]! : -1;
    return at < 0 ? [] : Array.from(this.pool.subarray(at + 1, at + 1 + this.pool[at]!));
  }

  /** Where a key's list is in `slots`: its length at the returned index, then its slots; −1 when the list is empty. */
  blockStart(key: number): number {
    return key >= 0 && key < this.blockOf.length ? this.blockOf[key]! : -1;
  }

  /** The pool the lists are in (read it again after any change: it may have grown). */
  get slots(): Int32Array {
    return this.pool;
  }

  /**
   * Re-indexes a slot from `previous` keys to `next` keys: the same lists as removing the slot
   * from every previous key and then adding it to every next key (at the end, dropping the oldest
   * past `capacity`), without touching a list whose last posting is already the slot.
   */
  replace(previous: readonly number[], next: readonly number[], slot: number): void {
    const stamp = ++this.stamp;
    for (const key of next) {
      if (key >= this.marks.length) this.marks = grownInts(this.marks, key + 1, 0);
      this.marks[key] = stamp;
    }
    for (const key of previous) if (this.marks[key] !== stamp) this.remove(key, slot);
    for (const key of next) {
      if (key >= this.blockOf.length) this.blockOf = grownInts(this.blockOf, key + 1, -1);
      let at = this.blockOf[key]!;
      if (at < 0) {
        at = this.blockOf[key] = this.takeBlock();
        this.pool[at] = 0;
      }
      const pool = this.pool;
      let size = pool[at]!;
      if (size > 0 && pool[at + size] === slot) continue;
      // Where the slot is, if listed (the last occurrence, as lastIndexOf finds it).
      let found = at + size;
      while (found > at && pool[found] !== slot) found--;
      if (found > at) {
        pool.copyWithin(found, found + 1, at + 1 + size);
        size--;
      } else if (size === this.capacity) {
        // Full: the oldest posting goes.
        pool.copyWithin(at + 1, at + 2, at + 1 + size);
        size--;
      }
      pool[at + 1 + size] = slot;
      pool[at] = size + 1;
    }
  }

  /** Removes a story slot from a key's postings (the list goes when none are left). */
  remove(key: number, slot: number): void {
    const at = key < this.blockOf.length ? this.blockOf[key]! : -1;
    if (at < 0) return;
    const pool = this.pool;
    const size = pool[at]!;
    let found = at + size;
    while (found > at && pool[found] !== slot) found--;
    if (found === at) return;
    pool.copyWithin(found, found + 1, at + 1 + size);
    pool[at] = size - 1;
    if (size === 1) {
      this.blockOf[key] = -1;
      this.freeBlocks.push(at);
    }
  }

  /** A free block's start (the pool grows when none is free). */
  private takeBlock(): number {
    const reused = this.freeBlocks.pop();
    if (reused !== undefined) return reused;
    const at = this.blocks * this.stride;
    this.blocks++;
    if (at + this.stride > this.pool.length) this.pool = grownInts(this.pool, at + this.stride, 0);
    return at;
  }
}
