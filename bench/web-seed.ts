// A site database for benchmarks and audits: N articles from twelve outlets in about N/4 stories,
// with entities, scores and the search index, written through the store's own repository
// functions. Deterministic for a seed: headlines and opening paragraphs come from the word lists
// below, the rest of each body from the demo corpus's English prose (recombined paragraphs).
//
//   import { seedSiteDatabase } from './web-seed.js'; await seedSiteDatabase({ dataDir, articles: 10_000 });
import { createHash } from 'node:crypto';
import { loadCorpus } from '../demo/corpus.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Tx } from '../src/store/index.js';
import { upsertArticle } from '../src/store/articles.js';
import { addSource, type SourceDisplay } from '../src/store/sources.js';
import { createStory, rankedStories, refreshStoryCounts, setArticleEntities, setStoryScore, storyMembers, upsertEntities } from '../src/store/stories.js';
import { storyScore } from '../src/stories/ranking.js';
import { slugify } from '../src/text/slug.js';
import { articlePath } from '../src/web/urls.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 500;

// The outlets: name, display policy, ranking weight. Sorted by name.
const outlets: ReadonlyArray<{ name: string; display: SourceDisplay; weight: number }> = [
  { name: 'Capital Observer', display: 'excerpt', weight: 1.5 },
  { name: 'Coastal Courier', display: 'full', weight: 1 },
  { name: 'Evening Lantern', display: 'full', weight: 0.8 },
  { name: 'Harbour Gazette', display: 'excerpt', weight: 1 },
  { name: 'Lakeshore Review', display: 'full', weight: 1 },
  { name: 'Meridian Wire', display: 'excerpt', weight: 1.5 },
  { name: 'Metro Pulse Daily', display: 'full', weight: 0.8 },
  { name: 'Northfield Ledger', display: 'full', weight: 1 },
  { name: 'Pioneer Dispatch', display: 'excerpt', weight: 1 },
  { name: 'Riverside Herald', display: 'full', weight: 1 },
  { name: 'Summit Post', display: 'full', weight: 1 },
  { name: 'Valley Times', display: 'excerpt', weight: 0.8 },
];

// Single-word place names, so that one of them is also a search word that hits.
const places = [
  'Accra', 'Auckland', 'Bogota', 'Dublin', 'Hanoi', 'Helsinki', 'Istanbul', 'Jakarta', 'Lagos', 'Lima',
  'Lisbon', 'Manila', 'Marseille', 'Montreal', 'Nairobi', 'Osaka', 'Oslo', 'Rotterdam', 'Santiago',
  'Seville', 'Toronto', 'Valparaiso', 'Warsaw', 'Winnipeg',
];
const people: ReadonlyArray<{ name: string; role: string }> = [
  { name: 'Amara Okafor', role: 'the finance minister' }, { name: 'Arjun Mehta', role: 'the transport secretary' },
  { name: 'Claire Dubois', role: 'the mayor' }, { name: 'Daniel Mensah', role: 'the union leader' },
  { name: 'Elena Petrova', role: 'the health minister' }, { name: 'Fatima Zahra', role: 'the opposition leader' },
  { name: 'Hugo Brandt', role: 'the chief executive' }, { name: 'Ingrid Halvorsen', role: 'the prime minister' },
  { name: 'Kwame Boateng', role: 'the regional governor' }, { name: 'Lucia Ferreira', role: 'the port director' },
  { name: 'Marco Bellini', role: 'the energy minister' }, { name: 'Mei Tanaka', role: 'the city planner' },
  { name: 'Nadia Haddad', role: 'the environment minister' }, { name: 'Olga Novak', role: 'the central bank governor' },
  { name: 'Rafael Ortega', role: 'the housing minister' }, { name: 'Samuel Carter', role: 'the airport chief' },
  { name: 'Sofia Marin', role: 'the education minister' }, { name: 'Tomas Lindqvist', role: 'the trade commissioner' },
  { name: 'Yuki Sato', role: 'the fisheries minister' }, { name: 'Liam Gallagher', role: 'the police chief' },
];
const organisations = [
  'Central Bank', 'Civil Aviation Authority', 'Coastal Energy Group', 'Federal Health Agency', 'Harbour Authority',
  'Metro Transit Authority', 'National Rail Company', 'Northern Power Company', 'Ocean Research Institute',
  'Supreme Court', 'Teachers Union', 'United Shipping',
];
const verbs = ['approves', 'backs', 'defends', 'delays', 'expands', 'launches', 'questions', 'rejects', 'scraps', 'suspends', 'unveils', 'warns over'];
const objects = [
  'airport runway plan', 'bridge repairs', 'budget for next year', 'bus fare freeze', 'data privacy rules',
  'fishing quotas', 'flood defences', 'fuel tax rise', 'harbour expansion', 'heatwave emergency measures',
  'hospital merger', 'housing targets', 'metro line extension', 'new rail link', 'port strike talks',
  'school funding reform', 'trade deal', 'vaccine campaign', 'water rationing', 'wind farm tender',
];
const occasions = ['a late-night vote', 'a court ruling', 'a safety review', 'months of talks', 'record storms', 'weeks of protests'];
const reporters = ['Ana Costa', 'Ben Adeyemi', 'Chloe Martin', 'David Kim', 'Eva Horvath', 'Felix Wagner', 'Grace Liu', 'Hannah Moore', 'Ivan Petrov', 'Julia Santos'];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** What the seeder wrote, and the pages a benchmark or audit should load. */
export interface SeededSite {
  dataDir: string;
  /** The clock the data was written for (publication times lie before it). */
  now: number;
  counts: { articles: number; stories: number; sources: number; entities: number };
  /** An article of the Top Story (the busiest page type). */
  article: { id: number; path: string; storyId: number; display: SourceDisplay };
  /** An article of the Top Story from an excerpt source: an indexable page (full-text pages are noindex). */
  excerptArticle: { id: number; path: string; storyId: number; display: SourceDisplay };
  /** The Top Story. */
  storyId: number;
  /** Slug of the place linked to the most articles. */
  topicSlug: string;
  sourceSlug: string;
  /** A word of many article bodies (the topic's name, lower case). */
  searchWord: string;
}

export interface SeedOptions {
  dataDir: string;
  /** How many articles (default 10,000); stories are about a quarter of that. */
  articles?: number;
  /** PRNG seed (default 1): the same seed writes the same texts and structure. */
  seed?: number;
  /** The present (default Date.now()): articles are spread over the 7 days before it. */
  now?: number;
}

interface PlannedStory {
  subject: string;
  verb: string;
  object: string;
  occasion: string;
  place: string;
  person: { name: string; role: string };
  organisation: string | null;
  start: number;
  size: number;
  id?: number;
  /** The story's first stored article: what a wire copy duplicates. */
  first?: { id: number; paragraphs: number[]; variant: number; publishedAt: number };
}

interface PlannedArticle {
  story: number;
  outlet: number;
  publishedAt: number;
  variant: number;
  paragraphs: number[];
  byline: string | null;
  copy: boolean;
}

// mulberry32: small, fast and good enough to make varied but reproducible data.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Each outlet words the same event its own way.
const headlineVariants: ReadonlyArray<(s: PlannedStory) => string> = [
  (s) => `${capitalise(s.subject)} ${s.verb} ${s.object}`,
  (s) => `${s.place}: ${s.subject} ${s.verb} ${s.object}`,
  (s) => `${capitalise(s.subject)} ${s.verb} ${s.object} after ${s.occasion}`,
  (s) => `What we know as ${s.subject} ${s.verb} ${s.object}`,
  (s) => `${s.person.name}: why ${s.place} ${s.verb} ${s.object}`,
];

function plan(count: number, random: () => number, now: number): { stories: PlannedStory[]; articles: PlannedArticle[] } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const storyCount = Math.max(1, Math.round(count / 4));
  const stories: PlannedStory[] = Array.from({ length: storyCount }, () => {
    const place = pick(places);
    const person = pick(people);
    const organisation = random() < 0.6 ? pick(organisations) : null;
    const subject = organisation ? `the ${organisation}` : random() < 0.5 ? place : person.name;
    // Recent days hold more stories than older ones, as on a real site.
    const start = now - Math.floor(7 * DAY * random() ** 1.3) - HOUR;
    return { subject, verb: pick(verbs), object: pick(objects), occasion: pick(occasions), place, person, organisation, start, size: 0 };
  });
  const articles: PlannedArticle[] = [];
  // Every story gets one article; the rest go mostly to a few big stories (coverage is long-tailed).
  for (let i = 0; i < count; i++) {
    const story = i < storyCount ? i : Math.floor(storyCount * random() ** 1.5);
    const s = stories[story]!;
    const publishedAt = Math.min(now - 60_000, s.start + Math.floor(18 * HOUR * random() ** 2));
    const copy = s.size > 1 && random() < 0.05;
    const paragraphs = Array.from({ length: 6 + Math.floor(random() * 7) }, () => Math.floor(random() * 1e9));
    s.size++;
    articles.push({ story, outlet: Math.floor(random() * outlets.length), publishedAt, variant: Math.floor(random() * headlineVariants.length), paragraphs, byline: random() < 0.9 ? pick(reporters) : null, copy });
  }
  articles.sort((a, b) => a.publishedAt - b.publishedAt);
  return { stories, articles };
}

function articleText(s: PlannedStory, a: PlannedArticle, prose: readonly string[]): { lead: string; paragraphs: string[] } {
  const day = weekdays[new Date(a.publishedAt).getUTCDay()]!;
  const lead = `${s.person.name}, ${s.person.role}, said the decision would shape ${s.place} for years; critics called it rushed.`;
  const opening = `${capitalise(s.subject)} ${s.verb} the ${s.object} on ${day}, ${s.person.name}, ${s.person.role}, told reporters in ${s.place}. ` +
    (s.organisation ? `The ${s.organisation} said it would publish the details within a week. ` : '') +
    `The move follows ${s.occasion} and is expected to affect thousands of residents of ${s.place}.`;
  const quote = `“We have listened to the people of ${s.place},” ${s.person.name} said. “This is not the end of the discussion.”`;
  const body = a.paragraphs.map((n) => prose[n % prose.length]!);
  return { lead, paragraphs: [opening, ...body.slice(0, 2), quote, ...body.slice(2)] };
}

/** Creates (and migrates) a SQLite database in `dataDir` holding a realistic site; returns what benchmarks load. */
export async function seedSiteDatabase(options: SeedOptions): Promise<SeededSite> {
  const count = options.articles ?? 10_000;
  const now = options.now ?? Date.now();
  const random = prng(options.seed ?? 1);
  const prose = loadCorpus().filter((a) => a.outlet !== 'priozerye').flatMap((a) => a.body.filter((b): b is string => typeof b === 'string'));
  const { stories, articles } = plan(count, random, now);
  const app = await openApp(loadConfig({ TOPSTORY_DATA_DIR: options.dataDir, TOPSTORY_LOG_LEVEL: 'silent' }));
  try {
    const store = app.store;
    const sources = await store.writeTransaction(async (tx) => {
      const rows = [];
      for (const o of outlets) {
        const host = `${slugify(o.name)}.example`;
        rows.push(await addSource(tx, { name: o.name, url: `https://${host}/feed.xml`, siteUrl: `https://${host}/`, display: o.display, weight: o.weight }, now - 8 * DAY));
      }
      return rows;
    });
    const entityIds = await store.writeTransaction(async (tx) => {
      const firstPublished = new Map<number, number>();
      for (const a of articles) if (!firstPublished.has(a.story)) firstPublished.set(a.story, a.publishedAt);
      for (const [i, s] of stories.entries()) {
        s.id = await createStory(tx, { title: headlineVariants[0]!(s), lang: 'en', publishedAt: firstPublished.get(i) ?? s.start }, now);
      }
      return upsertEntities(tx, [
        ...places.map((name) => ({ kind: 'place', name, slug: slugify(name) })),
        ...people.map((p) => ({ kind: 'person', name: p.name, slug: slugify(p.name) })),
        ...organisations.map((name) => ({ kind: 'org', name, slug: slugify(name) })),
      ], now);
    });
    for (let start = 0; start < articles.length; start += BATCH) {
      await store.writeTransaction(async (tx) => {
        for (const [offset, a] of articles.slice(start, start + BATCH).entries()) await insertArticle(tx, start + offset, a);
      });
    }
    await store.writeTransaction(async (tx) => {
      const weights: Record<string, number> = Object.fromEntries(sources.map((s) => [String(s.id), s.weight]));
      for (const s of stories) {
        await refreshStoryCounts(tx, s.id!, now);
        const members = await storyMembers(tx, s.id!);
        const score = storyScore(members.map((m) => ({ id: String(m.id), source: String(m.source_id), published: m.published_at, duplicateOf: m.duplicate_of === null ? null : String(m.duplicate_of) })), now, { outletWeights: weights });
        await setStoryScore(tx, s.id!, score, now);
      }
    });
    return await describe(store, options.dataDir, now, sources);

    async function insertArticle(tx: Tx, n: number, a: PlannedArticle): Promise<void> {
      const s = stories[a.story]!;
      const source = sources[a.outlet]!;
      const original = a.copy ? s.first : undefined;
      // A wire copy carries the original's words under another outlet's name.
      const text = articleText(s, original ? { ...a, paragraphs: original.paragraphs, publishedAt: original.publishedAt } : a, prose);
      const title = headlineVariants[original ? original.variant : a.variant]!(s);
      const host = new URL(source.url).host;
      const date = new Date(a.publishedAt).toISOString().slice(0, 10).replace(/-/g, '/');
      const url = `https://${host}/${date}/${slugify(title).slice(0, 70)}-${n}`;
      const plain = text.paragraphs.join('\n');
      const { id } = await upsertArticle(tx, {
        sourceId: source.id, url, normalizedUrl: url, guid: url,
        contentHash: createHash('sha256').update(`${title}\n${text.lead}\n${plain}`).digest('hex'),
        title, lead: text.lead, byline: a.byline, text: plain,
        html: text.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
        lang: 'en', imageUrl: null, canonicalUrl: url, siteName: source.name,
        wordCount: plain.split(/\s+/).length, publishedAt: a.publishedAt, modifiedAt: null,
        storyId: s.id!, duplicateOf: original ? original.id : null,
      }, now);
      s.first ??= { id, paragraphs: a.paragraphs, variant: a.variant, publishedAt: a.publishedAt };
      const links = [
        { slug: slugify(s.place), mentions: 3 },
        { slug: slugify(s.person.name), mentions: 2 },
        ...(s.organisation ? [{ slug: slugify(s.organisation), mentions: 1 + (n % 3) }] : []),
      ];
      await setArticleEntities(tx, id, links.map((l) => ({ entityId: entityIds.get(l.slug)!, mentions: l.mentions })));
    }
  } finally {
    await app.close();
  }
}

async function describe(tx: Tx, dataDir: string, now: number, sources: ReadonlyArray<{ id: number; slug: string; display: string }>): Promise<SeededSite> {
  const count = async (table: 'articles' | 'stories' | 'sources' | 'entities') =>
    Number((await tx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const top = (await rankedStories(tx, { limit: 1 }))[0];
  if (!top) throw new Error('seed: no story was ranked');
  const members = await tx.db.selectFrom('articles').select(['id', 'title', 'source_id', 'story_id'])
    .where('story_id', '=', top.id).where('duplicate_of', 'is', null).orderBy('published_at').orderBy('id').execute();
  const display = new Map(sources.map((s) => [s.id, s.display as SourceDisplay]));
  const page = (a: { id: number; title: string; source_id: number }) => ({ id: a.id, path: articlePath(a), storyId: top.id, display: display.get(a.source_id)! });
  const first = members[0]!;
  const excerpt = members.find((m) => display.get(m.source_id) === 'excerpt') ?? first;
  const topic = await tx.db.selectFrom('article_entities').innerJoin('entities', 'entities.id', 'article_entities.entity_id')
    .select(['entities.slug', 'entities.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('entities.kind', '=', 'place').groupBy(['entities.slug', 'entities.name']).orderBy('n', 'desc').orderBy('entities.slug')
    .executeTakeFirstOrThrow();
  const busiest = await tx.db.selectFrom('articles').select((eb) => ['source_id', eb.fn.countAll<number>().as('n')])
    .groupBy('source_id').orderBy('n', 'desc').orderBy('source_id').executeTakeFirstOrThrow();
  return {
    dataDir, now,
    counts: { articles: await count('articles'), stories: await count('stories'), sources: await count('sources'), entities: await count('entities') },
    article: page(first),
    excerptArticle: page(excerpt),
    storyId: top.id,
    topicSlug: topic.slug,
    sourceSlug: sources.find((s) => s.id === busiest.source_id)!.slug,
    searchWord: topic.name.toLowerCase(),
  };
}
