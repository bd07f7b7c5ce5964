// The candidate index's postings in typed blocks must hold exactly the lists that plain arrays
// held (the same slots in the same order): which stories a key keeps once it is full decides which
// stories an article is compared with.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../src/stories/datasets.js';
import { StoryPostings } from '../../src/stories/postings.js';

/** The reference: one JavaScript array per key, as the clusterer kept them before. */
class ArrayPostings {
  readonly lists = new Map<number, number[]>();
  constructor(private readonly capacity: number) {}

  replace(previous: readonly number[], next: readonly number[], slot: number): void {
    for (const key of previous) if (!next.includes(key)) this.remove(key, slot);
    for (const key of next) {
      const postings = this.lists.get(key) ?? [];
      this.lists.set(key, postings);
      if (postings.at(-1) === slot) continue;
      const at = postings.lastIndexOf(slot);
      if (at >= 0) postings.splice(at, 1);
      postings.push(slot);
      if (postings.length > this.capacity) postings.shift();
    }
  }

  remove(key: number, slot: number): void {
    const postings = this.lists.get(key);
    if (!postings) return;
    const at = postings.lastIndexOf(slot);
    if (at < 0) return;
    postings.splice(at, 1);
    if (postings.length === 0) this.lists.delete(key);
  }
}

describe('StoryPostings', () => {
  const cases: Array<{ name: string; steps: (p: StoryPostings) => void; expected: Record<number, number[]> }> = [
    { name: 'a new slot goes last', steps: (p) => { p.replace([], [1, 2], 7); p.replace([], [1], 3); }, expected: { 1: [7, 3], 2: [7] } },
    { name: 're-indexing moves a slot to the end', steps: (p) => { p.replace([], [1], 7); p.replace([], [1], 3); p.replace([1], [1], 7); }, expected: { 1: [3, 7] } },
    { name: 'a full list drops its oldest', steps: (p) => { for (const slot of [1, 2, 3, 4]) p.replace([], [5], slot); }, expected: { 5: [2, 3, 4] } },
    { name: 'keys no longer indexed lose the slot', steps: (p) => { p.replace([], [1, 2], 7); p.replace([1, 2], [2, 3], 7); }, expected: { 1: [], 2: [7], 3: [7] } },
    { name: 'removing the last slot empties the list', steps: (p) => { p.replace([], [4], 9); p.remove(4, 9); p.remove(4, 9); p.remove(99, 1); }, expected: { 4: [], 99: [] } },
    { name: 'an emptied list can fill again', steps: (p) => { p.replace([], [4], 9); p.remove(4, 9); p.replace([], [6, 4], 2); }, expected: { 4: [2], 6: [2] } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const postings = new StoryPostings(3);
      c.steps(postings);
      for (const [key, slots] of Object.entries(c.expected)) assert.deepEqual(postings.list(Number(key)), slots, `key ${key}`);
    });
  }

  it('holds the same lists as plain arrays through a long random run', () => {
    const random = seededRandom(17);
    const capacity = 6;
    const postings = new StoryPostings(capacity);
    const reference = new ArrayPostings(capacity);
    const indexed = new Map<number, number[]>();
    let full = 0;
    for (let step = 0; step < 20_000; step++) {
      const slot = Math.floor(random() * 60);
      const previous = indexed.get(slot) ?? [];
      if (random() < 0.15) {
        // The story leaves the window: out of every list it was in.
        for (const key of previous) {
          postings.remove(key, slot);
          reference.remove(key, slot);
        }
        indexed.delete(slot);
        continue;
      }
      // Mostly the same keys as before, a few new ones (keys grow past the initial tables).
      const next = [...new Set([...previous.filter(() => random() < 0.8), ...Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * (step < 10_000 ? 40 : 3000)))])];
      postings.replace(previous, next, slot);
      reference.replace(previous, next, slot);
      indexed.set(slot, next);
      if (step % 500 === 0 || step > 19_900) {
        full += [...reference.lists.values()].filter((l) => l.length === capacity).length;
        for (let key = 0; key < 3000; key++) assert.deepEqual(postings.list(key), reference.lists.get(key) ?? [], `step ${step}, key ${key}`);
      }
    }
    assert.ok(reference.lists.size > 100, 'the run filled many lists');
    assert.ok(full > 10, 'lists reached their capacity (and dropped their oldest)');
  });
});
