// Duplicate detection on its own: what counts as a copy, and what a copy points at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, normalizeArticleUrl, type AnalyzedArticle } from '../../src/stories/article.js';
import { seededRandom } from '../../src/stories/datasets.js';
import { DuplicateIndex, SamplePostings } from '../../src/stories/duplicates.js';
import { at, sameEvent, wireCopy, wireOriginal } from './fixtures.js';

function originals(inputs: Parameters<typeof analyzeArticle>[0][]): Array<string | undefined> {
  const index = new DuplicateIndex();
  return inputs.map((input) => {
    const article = analyzeArticle(input);
    const match = index.find(article);
    index.add(article, match?.originalId);
    return match?.originalId;
  });
}

describe('duplicates', () => {
  const cases: Array<{ name: string; inputs: Parameters<typeof analyzeArticle>[0][]; expected: Array<string | undefined> }> = [
    { name: 'a wire copy with a dateline and credit line is a copy', inputs: [wireOriginal, wireCopy], expected: [undefined, 'wire-1'] },
    {
      name: 'a copy of a copy points at the original',
      inputs: [wireOriginal, wireCopy, { ...wireCopy, id: 'third', url: 'https://third.example/x', source: 'third' }],
      expected: [undefined, 'wire-1', 'wire-1'],
    },
    { name: 'another outlet\'s own report of the event is not a copy', inputs: [wireOriginal, sameEvent[0]!], expected: [undefined, undefined] },
    {
      name: 'the same headline with a mostly shared text is a copy',
      inputs: [wireOriginal, { ...wireOriginal, id: 'short', url: 'https://short.example/a', text: wireOriginal.text.split('\n').slice(0, 3).join('\n') }],
      expected: [undefined, 'wire-1'],
    },
    {
      name: 'a copy published after the seven-day window is not matched',
      inputs: [wireOriginal, { ...wireCopy, published: at(24 * 8) }],
      expected: [undefined, undefined],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(originals(c.inputs), c.expected));
});

describe('duplicates over a long stream', () => {
  // Seeded made-up words: a text of its own per article.
  const words = (seed: number, count: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => `w${Math.floor(random() * 50_000)}`);
  };
  const article = (id: string, text: string, hours: number) => analyzeArticle({ id, title: `Report ${id}`, published: at(hours), lang: 'en', text });

  it('finds copies within the window and none after the index forgot their originals', () => {
    // An article an hour, a copy of every tenth five hours later and one past the window: enough
    // live articles that the index's tables grow and drop entries.
    const text = (n: number) => words(n + 1, 60).join(' ');
    const index = new DuplicateIndex({ windowHours: 600 });
    const found = new Map<string, string | undefined>();
    for (let n = 0; n < 3000; n++) {
      index.evictBefore(Date.parse(at(n)) - 600 * 3_600_000);
      const arrivals = [article(`a${n}`, text(n), n)];
      if (n >= 5 && n % 10 === 5) arrivals.push(article(`copy-${n - 5}`, `CITY (Wire) — ${text(n - 5)}`, n));
      if (n >= 700 && n % 10 === 0) arrivals.push(article(`late-copy-${n - 700}`, `CITY (Wire) — ${text(n - 700)}`, n));
      for (const a of arrivals) {
        const match = index.find(a);
        found.set(a.id, match?.originalId);
        index.add(a, match?.originalId);
      }
    }
    const copies = [...found].filter(([id]) => !id.startsWith('a'));
    const wrong = copies.filter(([id, original]) => (id.startsWith('late') ? original !== undefined : original !== `a${id.slice(5)}`));
    assert.equal(copies.length, 300 + 230, 'every planted copy was looked up');
    assert.deepEqual(wrong, [], 'copies five hours late point at their original; past the window, at nothing');
    assert.ok([...found].filter(([id]) => id.startsWith('a')).every(([, original]) => original === undefined), 'no original taken for a copy');
  });

  it('finds copies by text and by URL while the index wraps around and grows', () => {
    // One article an hour for 4,500 hours with a 1,000-hour window (the index's 4,096 places are
    // reused), then five an hour (the index grows with its entries wrapped around).
    // Every 25th article is copied five hours later; every 50th is re-posted under its own URL
    // with another text; every 100th is copied again once it left the window. At the end, copies
    // of articles across the window (held before and after the index grew) find their originals.
    const text = (n: number) => words(n + 1, 100).join(' ');
    const url = (n: number) => `https://outlet.example/news/${n}`;
    const index = new DuplicateIndex({ windowHours: 1000 });
    const found = new Map<string, string | undefined>();
    const hourOf: number[] = [];
    let n = 0;
    for (let hour = 0; hour < 5500; hour++) {
      index.evictBefore(Date.parse(at(hour)) - 1000 * 3_600_000);
      const arrivals: AnalyzedArticle[] = [];
      for (let k = 0; k < (hour < 4500 ? 1 : 5); k++, n++) {
        hourOf[n] = hour;
        // Seven titles: long chains of entries under one title, whose oldest leave as the window moves.
        arrivals.push(analyzeArticle({ id: `a${n}`, title: `Market report number ${n % 7}`, url: url(n), published: at(hour), lang: 'en', text: text(n) }));
      }
      for (let m = n - 1; m >= 0 && hourOf[m]! >= hour - 5; m--) {
        if (hourOf[m] !== hour - 5) continue;
        if (m % 25 === 0) arrivals.push(article(`copy-${m}`, `CITY (Wire) — ${text(m)}`, hour));
        if (m % 50 === 0) arrivals.push(analyzeArticle({ id: `repost-${m}`, title: 'Updated', url: url(m), published: at(hour), lang: 'en', text: words(m + 900_000, 60).join(' ') }));
      }
      for (let m = n - 1; m >= 0 && hourOf[m]! >= hour - 1100; m--) if (hourOf[m] === hour - 1100 && m % 100 === 0) arrivals.push(article(`late-${m}`, text(m), hour));
      for (const a of arrivals) {
        const match = index.find(a);
        found.set(a.id, match?.originalId);
        index.add(a, match?.originalId);
      }
    }
    const copies = [...found].filter(([id]) => !id.startsWith('a'));
    const wrong = copies.filter(([id, original]) => (id.startsWith('late') ? original !== undefined : original !== `a${id.slice(id.indexOf('-') + 1)}`));
    assert.ok(n > 9_000 && copies.length > 500, `${n} articles, ${copies.length} copies`);
    assert.ok(copies.some(([id]) => id.startsWith('late-')) && copies.some(([id]) => id.startsWith('repost-')));
    assert.deepEqual(wrong, [], 'copies and re-posts point at their original; past the window, at nothing');
    assert.ok([...found].filter(([id]) => id.startsWith('a')).every(([, original]) => original === undefined), 'no original taken for a copy');
    assert.ok(index.has(`a${n - 1}`) && !index.has('a0'));
    const held = hourOf.flatMap((hour, m) => (hour >= 5500 - 990 && m % 7 === 0 ? [m] : []));
    assert.ok(held.at(-1)! - held[0]! > 4096, 'the copies at the end span more arrivals than the index had places before it grew');
    const missed = held.filter((m) => index.find(article(`end-${m}`, `CITY (Wire) — ${text(m)}`, 5500))?.originalId !== `a${m}`);
    assert.deepEqual(missed, []);
  });

  it('counts what a copy shares with its original behind newer articles that reuse part of it', () => {
    // Too short for SimHash to decide: only the shared samples can.
    const original = words(7, 34);
    const index = new DuplicateIndex();
    const arrivals = [
      article('original', original.join(' '), 0),
      ...[1, 2, 3].map((k) => article(`reuse-${k}`, [...original.slice(0, 20), ...words(100 + k, 14)].join(' '), k)),
      article('copy', original.join(' '), 4),
    ];
    const found = arrivals.map((a) => {
      const match = index.find(a);
      index.add(a, match?.originalId);
      return match?.originalId;
    });
    assert.deepEqual(found, [undefined, undefined, undefined, undefined, 'original']);
  });

  it('finds a same-title copy among many articles under that title, and none once its original left the window', () => {
    // An hourly "live" headline: thirty articles under one title, each its own text, ten hours
    // kept. A copy sharing half its original's text is a copy only through the title test.
    const title = 'Storm closes the coast road';
    const texts = Array.from({ length: 30 }, (_, k) => words(300 + k, 40));
    const index = new DuplicateIndex({ windowHours: 10 });
    for (let k = 0; k < 30; k++) {
      index.evictBefore(Date.parse(at(k)) - 10 * 3_600_000);
      const a = analyzeArticle({ id: `live-${k}`, title, published: at(k), lang: 'en', text: texts[k]!.join(' ') });
      assert.equal(index.find(a), undefined, `live-${k} is no copy`);
      index.add(a);
    }
    const copyOf = (k: number) => analyzeArticle({ id: `copy-${k}`, title, published: at(30), lang: 'en', text: [...texts[k]!.slice(0, 26), ...words(900 + k, 14)].join(' ') });
    const recent = index.find(copyOf(25));
    assert.equal(recent?.originalId, 'live-25');
    assert.equal(recent?.reason, 'title', 'half the text is not enough without the title');
    const retitled = { ...copyOf(25), titleKey: 'another headline for the same text' };
    assert.equal(index.find(retitled), undefined, 'under another title the same text is no copy');
    assert.equal(index.find(copyOf(5)), undefined, 'live-5 left the window');
  });

  it('finds every copy of a wire story that hundreds of outlets republish, each under its own headline and with its own edits', () => {
    // A wire story syndicated to 300 outlets over two days, between the outlets' own reports: each
    // copy has the outlet's headline, dateline and credit line and a few words changed, so neither
    // the title nor the SimHash finds it; only the shared samples do, and by the 65th copy every
    // sample of the story is in more articles than a boilerplate passage.
    const wire = words(11, 220);
    const index = new DuplicateIndex();
    const found = new Map<string, string | undefined>();
    const look = (a: AnalyzedArticle) => {
      const match = index.find(a);
      found.set(a.id, match?.originalId);
      index.add(a, match?.originalId);
    };
    look(analyzeArticle({ id: 'wire', title: 'Talks resume after a week of strikes', published: at(0), lang: 'en', text: wire.join(' ') }));
    for (let k = 0; k < 300; k++) {
      const edited = [...wire];
      for (const position of [17 + (k % 40), 90 + (k % 50), 180 + (k % 30)]) edited[position] = `edit${k}`;
      const text = `CITY${k} (Outlet ${k}) — ${edited.join(' ')} Reporting by outlet ${k} staff.`;
      look(analyzeArticle({ id: `copy-${k}`, title: `Outlet ${k} headline ${words(5000 + k, 6).join(' ')}`, url: `https://outlet${k}.example/story`, published: at(k / 6), lang: 'en', text }));
      look(analyzeArticle({ id: `own-${k}`, title: `Outlet ${k} local report`, url: `https://outlet${k}.example/local`, published: at(k / 6), lang: 'en', text: words(7000 + k, 120).join(' ') }));
    }
    const missed = [...found].filter(([id, original]) => (id.startsWith('copy-') ? original !== 'wire' : original !== undefined));
    assert.deepEqual(missed, [], 'every copy points at the wire story, and no outlet\'s own report at anything');
  });

  it('finds a copy that is closer to an earlier copy than to the original, and points it at the original', () => {
    // The copy cuts the original and adds a paragraph; the later article cuts the copy further and
    // keeps that paragraph: too little of the original for a copy of it, most of the copy.
    const original = words(21, 400);
    const added = words(22, 20);
    const copy = [...original.slice(0, 240), ...added];
    const later = [...copy.slice(0, 200), ...added, ...words(23, 40)];
    const index = new DuplicateIndex();
    const found = [
      article('original', original.join(' '), 0),
      article('copy', copy.join(' '), 1),
      article('later', later.join(' '), 2),
    ].map((a) => {
      const match = index.find(a);
      index.add(a, match?.originalId);
      return match?.originalId;
    });
    assert.deepEqual(found, [undefined, 'original', 'original']);
  });

  it('ignores a passage that very many recent articles share, and counts it again once they left the window', () => {
    // Seventy articles (hours 0–69) repeat the original's first 26 words: those shingles are
    // boilerplate while they are in the window, and what is left of the copy is too little. Once
    // the first ten left, sixty do not make boilerplate any more.
    const original = words(9, 34);
    const reusing = Array.from({ length: 70 }, (_, k) => article(`reuse-${k}`, [...original.slice(0, 26), ...words(200 + k, 30)].join(' '), k));
    const copyFound = (evictReusing: boolean): string | undefined => {
      const index = new DuplicateIndex({ windowHours: 24 * 30 });
      for (const a of reusing) index.add(a);
      if (evictReusing) assert.equal(index.evictBefore(Date.parse(at(10))).length, 10, 'ten reusing articles left');
      index.add(article('original', original.join(' '), 80));
      return index.find(article('copy', original.join(' '), 81))?.originalId;
    };
    assert.equal(copyFound(false), undefined, 'a passage in seventy recent articles does not make a copy');
    assert.equal(copyFound(true), 'original', 'with sixty left, the same copy is found');
  });
});

describe('duplicates of long texts', () => {
  const words = (seed: number, count: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => `w${Math.floor(random() * 50_000)}`);
  };
  const article = (id: string, text: string[], hours: number) => analyzeArticle({ id, title: `Report ${id}`, published: at(hours), lang: 'en', text: text.join(' ') });
  const lookUp = (arrivals: AnalyzedArticle[]) => {
    const index = new DuplicateIndex();
    const found = arrivals.map((a) => {
      const match = index.find(a);
      index.add(a, match?.originalId);
      return match?.originalId;
    });
    return { index, found };
  };

  it('posts a bounded sample of a long text and its whole sample of a short one', () => {
    const short = article('short', words(1, 400), 0);
    const long = article('long', words(2, 3000), 1);
    assert.ok(short.sample.length > 60 && short.sample.length <= 128, `${short.sample.length} samples`);
    assert.ok(long.sample.length > 600, `${long.sample.length} samples`);
    const { index } = lookUp([short]);
    assert.equal(index.postingsHeld, short.sample.length, 'a short text posts every sampled hash');
    index.add(long);
    const posted = index.postingsHeld - short.sample.length;
    assert.ok(posted > 64 && posted <= 128, `the long text posted ${posted} of its ${long.sample.length} samples`);
  });

  it('finds copies of a long text, whole, edited, cut to a third or with a long addition, and no unrelated long text', () => {
    const original = words(3, 1500);
    const edited = original.map((word, k) => (k % 15 === 7 ? `edit${k}` : word));
    const other = words(4, 1500);
    // The same opening paragraph (boilerplate of an outlet) and another text.
    const sharingOpening = [...original.slice(0, 60), ...words(5, 1400)];
    const { found } = lookUp([
      article('original', original, 0),
      article('whole', ['CITY', '(Wire)', '—', ...original], 1),
      article('edited', edited, 2),
      article('third', original.slice(500, 1000), 3),
      article('added', [...original, ...words(6, 1500)], 4),
      article('other', other, 5),
      article('opening', sharingOpening, 6),
    ]);
    assert.deepEqual(found, [undefined, 'original', 'original', 'original', 'original', undefined, undefined]);
  });

  it('does not take a long page for a copy of a short story it quotes in part', () => {
    // The page holds 40 % of the story: counted over the page's coarse samples against the story's
    // full ones, the share would pass 1.
    const random = seededRandom(11);
    const fresh = (count: number) => Array.from({ length: count }, () => `w${Math.floor(random() * 50_000)}`);
    const story = fresh(400);
    const page = [...fresh(1500), ...story.slice(0, 160), ...fresh(1500)];
    assert.deepEqual(lookUp([article('story', story, 0), article('page', page, 1)]).found, [undefined, undefined]);
  });

  it('does not take a short text for a copy of a long one on the few samples it has at the long one\'s level', () => {
    // 60 words of a 2,000-word text and 60 of its own: it shares 17 of its 30 samples (not a
    // copy), but at the long text's level it may have 7 samples, 6 of them shared. Seeds where it did.
    for (const seed of [9, 45]) {
      const random = seededRandom(seed);
      const fresh = (count: number) => Array.from({ length: count }, () => `w${Math.floor(random() * 50_000)}`);
      const long = fresh(2000);
      const from = Math.floor(random() * 1940);
      const excerpt = [...long.slice(from, from + 60), ...fresh(60)];
      assert.deepEqual(lookUp([article('long', long, 0), article('excerpt', excerpt, 1)]).found, [undefined, undefined], `seed ${seed}`);
    }
  });

  it('finds a short wire story inside a long page that carries it, and the short story inside a copy of that page', () => {
    // The short story posts its whole sample, the page a coarser level: the two are compared over the samples both have there.
    const story = words(7, 220);
    const page = [...words(8, 700), ...story, ...words(9, 700)];
    const { found } = lookUp([article('story', story, 0), article('page', page, 1), article('page-copy', page, 2)]);
    assert.deepEqual(found, [undefined, 'story', 'story']);
  });
});

describe('normalizeArticleUrl', () => {
  const cases: Array<[string, string | undefined]> = [
    ['https://www.Example.com/a/b/?utm_source=x&id=2#top', 'example.com/a/b?id=2'],
    ['http://example.com/a?b=2&a=1', 'example.com/a?a=1&b=2'],
    ['ftp://example.com/file', undefined],
    ['not a url', undefined],
  ];
  for (const [url, expected] of cases) it(url, () => assert.equal(normalizeArticleUrl(url), expected));
});

describe('sample postings', () => {
  // What a lookup must return, from a plain list of every posting: the live owners of a hash,
  // newest first, or `limit` when it has more live postings than that.
  const expected = (postings: Array<{ key: number; owner: number }>, start: number, key: number, limit: number): number[] | number => {
    const owners = postings.slice(start).filter((p) => p.key === key).map((p) => p.owner).reverse();
    return owners.length > limit ? limit : owners;
  };
  const lookup = (index: SamplePostings, key: number, limit: number): number[] | number => {
    const out: number[] = [];
    const n = index.find(key, limit, out);
    // Written from a place further on (DuplicateIndex.find lists every hash's owners end to end),
    // the same owners follow what was there, untouched.
    const after = [-7, -7, -7];
    assert.equal(index.find(key, limit, after, 3), n);
    assert.deepEqual(after, [-7, -7, -7, ...out]);
    return n === limit && out.length < limit ? n : out.slice(0, n);
  };

  it('finds the live owners of each hash as a plain list does, through blocks that grow, fill past the largest size and empty', () => {
    const random = seededRandom(7);
    const index = new SamplePostings();
    const postings: Array<{ key: number; owner: number }> = [];
    // Few keys, a few of them common: blocks grow (to 64 owners here), and evictions empty them.
    const keys = [5, -3, 1 << 30, 77, 12, 9_999, -2_000_000_000, 4];
    let start = 0;
    const firstOfOwner: number[] = [];
    for (let owner = 0; owner < 3_000; owner++) {
      firstOfOwner[owner] = postings.length;
      const used = new Set<number>();
      const n = Math.floor(random() * 4);
      for (let k = 0; k < n; k++) {
        const key = keys[Math.floor(Math.min(random(), random()) * keys.length)]!;
        if (used.has(key)) continue;
        used.add(key);
        index.add(key, owner);
        postings.push({ key, owner });
      }
      // Every so often the oldest owners leave, sometimes most of the window at once.
      if (random() < 0.05) {
        const oldest = Math.max(0, owner - Math.floor(random() * (random() < 0.2 ? 20 : 300)));
        const next = firstOfOwner[oldest]!;
        if (next > start) {
          index.forget(next, oldest);
          start = next;
        }
      }
      if (owner % 50 === 0 || owner > 2_990) {
        for (const key of [...keys, 31_337]) {
          for (const limit of [1, 5, 65]) assert.deepEqual(lookup(index, key, limit), expected(postings, start, key, limit), `key ${key}, limit ${limit}, after owner ${owner}`);
        }
      }
      assert.equal(index.size, postings.length - start);
    }
    // A hash in every article of a long stretch: past the largest block (128 owners) only the
    // newest are held, and as the oldest leave the count comes back down through the lookup's limit.
    const common = 424_242;
    const from = postings.length;
    for (let owner = 3_000; owner < 3_300; owner++) {
      firstOfOwner[owner] = postings.length;
      index.add(common, owner);
      postings.push({ key: common, owner });
      if (owner % 2 === 1) {
        index.add(-common, owner);
        postings.push({ key: -common, owner });
      }
    }
    for (let oldest = 3_000; oldest < 3_300; oldest += 5) {
      index.forget(firstOfOwner[oldest]!, oldest);
      start = firstOfOwner[oldest]!;
      for (const key of [common, -common]) {
        for (const limit of [1, 64, 65, 128]) assert.deepEqual(lookup(index, key, limit), expected(postings, start, key, limit), `key ${key}, limit ${limit}, from owner ${oldest}`);
      }
    }
    assert.ok(start > from);
    assert.throws(() => index.find(common, 129, []), RangeError);
    // Everything leaves: every hash is gone, and the index takes postings again.
    index.forget(postings.length, 3_300);
    for (const key of [...keys, common, -common]) assert.equal(index.find(key, 65, []), 0);
    index.add(5, 3_300);
    const out: number[] = [];
    assert.equal(index.find(5, 65, out), 1);
    assert.deepEqual(out, [3_300]);
  });
  it('keeps every hash right through a long stream: the table and the pool grow, the ring turns over, common hashes cross the largest block both ways', () => {
    const random = seededRandom(11);
    const index = new SamplePostings();
    // The reference: each hash's live owners, oldest first, and every posting's hash in order.
    const owners = new Map<number, number[]>();
    const log: number[] = [];
    const firstOfOwner: number[] = [];
    let start = 0;
    let oldest = 0;
    // Three common hashes (about one article in two, one in three, one in six) whose counts cross
    // 64, 65 and 128 both ways as the window widens and narrows; about 150 others per
    // article from 50,000 (a few of them frequent), enough to grow the head table (4,096 slots at
    // first) and to collide in it, and to fill more than one chunk of the block pool.
    const common = [1_000_003, -7, 0];
    const share = [0.5, 0.33, 0.17];
    const rare = (): number => Math.imul(Math.floor(random() ** 2 * 50_000) + 1, 0x9e3779b1) | 0;
    let window = 100;
    const check = (key: number, when: string) => {
      const live = owners.get(key) ?? [];
      for (const limit of [1, 64, 65, 128]) {
        const want = live.length > limit ? limit : [...live].reverse();
        assert.deepEqual(lookup(index, key, limit), want, `key ${key} (${live.length} live), limit ${limit}, ${when}`);
      }
    };
    let crossedDown = 0;
    const liveCounts: number[] = [];
    for (let owner = 0; owner < 8_000; owner++) {
      firstOfOwner[owner] = log.length;
      const keys = new Set<number>();
      common.forEach((key, i) => {
        if (random() < share[i]!) keys.add(key);
      });
      const n = Math.floor(random() * 300);
      for (let k = 0; k < n; k++) keys.add(rare());
      for (const key of keys) {
        index.add(key, owner);
        log.push(key);
        const list = owners.get(key) ?? [];
        list.push(owner);
        owners.set(key, list);
      }
      // The window wanders between 30 and 1,000 articles: the oldest leave, a few or many at once.
      window = Math.max(30, Math.min(1_000, window + Math.floor(random() * 81) - 40));
      if (owner - oldest > window) {
        oldest = owner - window;
        const next = firstOfOwner[oldest]!;
        const before = (owners.get(common[0]!) ?? []).length;
        for (let p = start; p < next; p++) {
          const list = owners.get(log[p]!)!;
          list.shift();
          if (list.length === 0) owners.delete(log[p]!);
        }
        index.forget(next, oldest);
        start = next;
        if (before > 128 && (owners.get(common[0]!) ?? []).length <= 128) crossedDown++;
      }
      if (owner % 500 === 0) {
        liveCounts.push(log.length - start);
        // Every live hash, at the lookup's limit: a block anywhere in the pool.
        for (const [key, live] of owners) assert.deepEqual(lookup(index, key, 65), live.length > 65 ? 65 : [...live].reverse(), `key ${key}, after owner ${owner}`);
      }
      if (owner % 97 === 0) {
        for (const key of common) check(key, `after owner ${owner}`);
        for (let k = 0; k < 20; k++) check(rare(), `after owner ${owner}`);
        assert.equal(index.size, log.length - start);
      }
    }
    // What the stream went through, so that the checks above covered it.
    assert.ok(log.length > 2 * 32_768, 'the ring turned over more than once');
    assert.ok(Math.max(...liveCounts) > 65_536, `the live postings needed more than one chunk of the pool (at most ${Math.max(...liveCounts)})`);
    assert.ok(crossedDown > 0, 'a common hash fell back under the largest block');
  });
});
