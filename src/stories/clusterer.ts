// Online, incremental story clustering. Each new article is first checked for being a copy of an
// earlier one (then it joins the original's story); otherwise candidate stories come from an
// inverted index over the terms and entities of stories active in the window (default 72 h), each
// candidate is scored by the join model, and the article joins the most likely story when the
// model says it belongs (probability ≥ the model's threshold) or opens a new one. Articles are
// clustered within their language. Deterministic for a given input order: no clock, no randomness,
// ties broken by story age.
import { DocumentFrequencies, normalize, topTerms, tfidfVector, type SparseVector } from '../text/terms.js';
import type { Gazetteer } from '../text/gazetteer.js';
import { analyzeArticle, type AnalyzedArticle, type StoryArticleInput } from './article.js';
import { DuplicateIndex, type DuplicateOptions } from './duplicates.js';
import { addMemberVectors, articleStoryFeatures, storyPairFeatures, storyVectorsOf, type ArticleVectors, type StoryVectors } from './features.js';
import { defaultJoinModel, joinProbability, type JoinModel } from './model.js';

/** Settings of the clusterer. */
export interface ClusterOptions {
  /** A story accepts articles this long after its latest one (default 72). */
  windowHours: number;
  /** How many times title terms count in the text vector (default 3). */
  titleWeight: number;
  model: JoinModel;
  /** Candidate stories scored per article (default 30). */
  maxCandidates: number;
  /** Story id for a story opened by an article (default: the article's id). */
  newStoryId: (articleId: string) => string;
  duplicates: Partial<DuplicateOptions>;
  /** Names known in advance (built-in when absent; extend it with learnGazetteerEntries from the corpus). */
  gazetteer?: Gazetteer;
  /** Probability at which two articles of a story count as linked in the split pass (default: the model's join threshold). */
  splitThreshold?: number;
}

export const defaultClusterOptions: ClusterOptions = {
  windowHours: 72,
  titleWeight: 3,
  model: defaultJoinModel,
  maxCandidates: 30,
  newStoryId: (articleId) => articleId,
  duplicates: {},
};

/** Where one article went. */
export interface Assignment {
  id: string;
  story: string;
  /** Set when the article is a copy: the id of the original. */
  duplicateOf?: string;
  /** The join model's probability for the story joined (absent when the article opened a story or is a copy). */
  probability?: number;
}

/** A story as the clusterer holds it. */
export interface StoryState extends StoryVectors {
  id: string;
  lang: string;
  /** Every article of the story in arrival order, copies included. */
  articleIds: string[];
  /** Copies: article id → original id. */
  duplicates: Map<string, string>;
  members: ArticleVectors[];
  first: number;
  last: number;
  /** Terms and entity keys the story is indexed under. */
  indexed: Set<string>;
}

/** A teacher for training: the true story label of the article and a sink for candidate features. */
export interface ClusterOracle {
  label: string;
  record(features: number[], joins: boolean): void;
}

/** Terms of a story's centroid that enter the candidate index. */
const indexedTermsPerStory = 40;
/** Terms of a new article used to look candidates up. */
const queryTerms = 20;

/** The online clusterer; feed it articles in arrival order with `add`. */
export class StoryClusterer {
  readonly options: ClusterOptions;
  private readonly stories = new Map<string, StoryState>();
  private readonly active = new Map<string, StoryState>();
  private readonly storyOfArticle = new Map<string, string>();
  private readonly index = new Map<string, Set<string>>();
  private readonly termDf = new Map<string, DocumentFrequencies>();
  private readonly entityDf = new Map<string, DocumentFrequencies>();
  private readonly duplicateIndex: DuplicateIndex;
  private readonly storyOrder = new Map<string, number>();
  private readonly oracleStories = new Map<string, string>();
  private latest = -Infinity;
  private lastEviction = -Infinity;

  constructor(options: Partial<ClusterOptions> = {}) {
    this.options = { ...defaultClusterOptions, ...options };
    this.duplicateIndex = new DuplicateIndex(this.options.duplicates);
  }

  /** Clusters one article (raw or already analysed) and says which story it joined. */
  add(input: StoryArticleInput | AnalyzedArticle, oracle?: ClusterOracle): Assignment {
    const article = 'titleCounts' in input ? input : analyzeArticle(input, this.options.gazetteer);
    this.evict(article.published);
    const copy = this.duplicateIndex.find(article);
    const copyStory = copy && this.stories.get(this.storyOfArticle.get(copy.originalId) ?? '');
    if (copy && copyStory) {
      this.duplicateIndex.add(article, copy.originalId);
      copyStory.articleIds.push(article.id);
      copyStory.duplicates.set(article.id, copy.originalId);
      copyStory.last = Math.max(copyStory.last, article.published);
      this.storyOfArticle.set(article.id, copyStory.id);
      return { id: article.id, story: copyStory.id, duplicateOf: copy.originalId };
    }
    this.duplicateIndex.add(article);
    const vectors = this.vectorize(article);

    let best: { story: StoryState; probability: number } | undefined;
    const goldStory = oracle && this.oracleStories.get(oracle.label);
    for (const story of this.candidates(article, vectors)) {
      const features = articleStoryFeatures(vectors, story);
      oracle?.record(features, story.id === goldStory);
      const probability = joinProbability(this.options.model, features);
      if (!best || probability > best.probability) best = { story, probability };
    }
    let target: StoryState | undefined;
    if (oracle) target = goldStory !== undefined ? this.active.get(goldStory) : undefined;
    else if (best && best.probability >= this.options.model.threshold) target = best.story;
    if (!target) {
      target = this.openStory(article, vectors);
      if (oracle) this.oracleStories.set(oracle.label, target.id);
      return { id: article.id, story: target.id };
    }
    this.joinStory(target, article, vectors);
    return { id: article.id, story: target.id, ...(best && best.story === target ? { probability: best.probability } : {}) };
  }

  /** The story an article is in, if it has been added. */
  storyOf(articleId: string): string | undefined {
    return this.storyOfArticle.get(articleId);
  }

  /** Every story so far (oldest first), with its article ids in arrival order. */
  snapshot(): Array<{ id: string; lang: string; articleIds: string[]; duplicates: Record<string, string>; first: number; last: number }> {
    return [...this.stories.values()].map((s) => ({
      id: s.id, lang: s.lang, articleIds: [...s.articleIds], duplicates: Object.fromEntries(s.duplicates), first: s.first, last: s.last,
    }));
  }

  /**
   * The periodic pass at time `now` (epoch ms): merges active stories that converged and splits
   * chained ones, then re-indexes them. Returns what changed so that storage can follow.
   */
  maintain(now: number): { merges: StoryMerge[]; splits: StorySplit[] } {
    this.evict(now);
    const live = [...this.active.values()];
    const merges = findStoryMerges(live, this.options.model);
    for (const merge of merges) {
      const into = this.stories.get(merge.into)!;
      for (const fromId of merge.from) {
        const from = this.stories.get(fromId)!;
        for (const member of from.members) this.addMember(into, member);
        for (const id of from.articleIds) {
          if (!into.articleIds.includes(id)) into.articleIds.push(id);
          this.storyOfArticle.set(id, into.id);
        }
        for (const [copy, original] of from.duplicates) into.duplicates.set(copy, original);
        into.first = Math.min(into.first, from.first);
        into.last = Math.max(into.last, from.last);
        this.removeStory(from);
      }
      this.reindex(into);
    }
    const splits: StorySplit[] = [];
    for (const story of [...this.active.values()]) {
      const parts = splitChainedStory(story, this.options.model, this.options.splitThreshold ?? this.options.model.threshold);
      if (!parts) continue;
      const [keep, ...rest] = parts;
      const created: string[] = [];
      for (const part of rest) {
        const members = story.members.filter((m) => part.includes(m.id));
        const opened = this.openStoryFrom(members, story.lang);
        for (const id of part) {
          this.storyOfArticle.set(id, opened.id);
          if (!opened.articleIds.includes(id)) opened.articleIds.push(id);
          const original = story.duplicates.get(id);
          if (original) opened.duplicates.set(id, original);
        }
        created.push(opened.id);
      }
      this.rebuild(story, story.members.filter((m) => keep!.includes(m.id)), keep!);
      splits.push({ story: story.id, into: created });
    }
    return { merges, splits };
  }

  private vectorize(article: AnalyzedArticle): ArticleVectors {
    const termDf = getOrCreate(this.termDf, article.lang);
    const entityDf = getOrCreate(this.entityDf, article.lang);
    const counts = new Map(article.bodyCounts);
    for (const [term, n] of article.titleCounts) counts.set(term, (counts.get(term) ?? 0) + n * this.options.titleWeight);
    termDf.add(counts.keys());
    entityDf.add(article.entities.map((e) => e.slug));
    const entityVector: SparseVector = new Map();
    for (const e of article.entities) entityVector.set(e.slug, (1 + Math.log(e.count)) * entityDf.idf(e.slug));
    return {
      id: article.id,
      published: article.published,
      vector: tfidfVector(counts, termDf),
      titleVector: tfidfVector(article.titleCounts, termDf),
      entityVector: normalize(entityVector),
    };
  }

  /** Active same-language stories sharing index keys with the article, most shared keys first. */
  private candidates(article: AnalyzedArticle, vectors: ArticleVectors): StoryState[] {
    const keys = new Set([
      ...topTerms(vectors.vector, queryTerms).map((t) => `${article.lang}:t:${t}`),
      ...[...vectors.entityVector.keys()].map((e) => `${article.lang}:e:${e}`),
    ]);
    const hits = new Map<string, number>();
    for (const key of keys) for (const id of this.index.get(key) ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
    const windowMs = this.options.windowHours * 3_600_000;
    return [...hits.entries()]
      .map(([id, n]) => ({ story: this.active.get(id), n }))
      .filter((c): c is { story: StoryState; n: number } =>
        c.story !== undefined && c.story.lang === article.lang && article.published - c.story.last <= windowMs && c.story.first - article.published <= windowMs)
      .sort((a, b) => b.n - a.n || this.storyOrder.get(a.story.id)! - this.storyOrder.get(b.story.id)!)
      .slice(0, this.options.maxCandidates)
      .map((c) => c.story);
  }

  private openStory(article: AnalyzedArticle, vectors: ArticleVectors): StoryState {
    const story = this.openStoryFrom([vectors], article.lang);
    story.articleIds.push(article.id);
    this.storyOfArticle.set(article.id, story.id);
    return story;
  }

  private openStoryFrom(members: ArticleVectors[], lang: string): StoryState {
    let id = this.options.newStoryId(members[0]!.id);
    // A split may hand an id that an earlier story already had; keep ids unique.
    for (let n = 2; this.stories.has(id); n++) id = `${this.options.newStoryId(members[0]!.id)}-${n}`;
    const story: StoryState = {
      id, lang, articleIds: [], duplicates: new Map(), members: [], centroid: new Map(), titleCentroid: new Map(),
      entityCentroid: new Map(), norms: { centroid: 0, title: 0, entity: 0 }, first: Infinity, last: -Infinity, indexed: new Set(),
    };
    for (const m of members) this.addMember(story, m);
    this.stories.set(id, story);
    this.active.set(id, story);
    this.storyOrder.set(id, this.storyOrder.size);
    this.reindex(story);
    return story;
  }

  private joinStory(story: StoryState, article: AnalyzedArticle, vectors: ArticleVectors): void {
    this.addMember(story, vectors);
    story.articleIds.push(article.id);
    this.storyOfArticle.set(article.id, story.id);
    this.reindex(story);
  }

  private addMember(story: StoryState, member: ArticleVectors): void {
    addMemberVectors(story, member);
    story.first = Math.min(story.first, member.published);
    story.last = Math.max(story.last, member.published);
  }

  private rebuild(story: StoryState, members: ArticleVectors[], articleIds: string[]): void {
    story.members = [];
    story.centroid = new Map();
    story.titleCentroid = new Map();
    story.entityCentroid = new Map();
    story.norms = { centroid: 0, title: 0, entity: 0 };
    story.first = Infinity;
    story.last = -Infinity;
    for (const m of members) this.addMember(story, m);
    story.articleIds = story.articleIds.filter((id) => articleIds.includes(id));
    for (const id of [...story.duplicates.keys()]) if (!articleIds.includes(id)) story.duplicates.delete(id);
    this.reindex(story);
  }

  private reindex(story: StoryState): void {
    const keys = new Set([
      ...topTerms(story.centroid, indexedTermsPerStory).map((t) => `${story.lang}:t:${t}`),
      ...[...story.entityCentroid.keys()].map((e) => `${story.lang}:e:${e}`),
    ]);
    for (const key of story.indexed) if (!keys.has(key)) this.index.get(key)?.delete(story.id);
    for (const key of keys) getOrCreateSet(this.index, key).add(story.id);
    story.indexed = keys;
  }

  private removeStory(story: StoryState): void {
    for (const key of story.indexed) this.index.get(key)?.delete(story.id);
    this.active.delete(story.id);
    this.stories.delete(story.id);
  }

  /** Drops stories older than the window from the index (they stay in the snapshot). */
  private evict(now: number): void {
    if (now > this.latest) this.latest = now;
    // Evicting at most once an hour of article time keeps this linear pass cheap.
    if (this.latest - this.lastEviction < 3_600_000) return;
    this.lastEviction = this.latest;
    const cutoff = this.latest - this.options.windowHours * 3_600_000;
    for (const story of [...this.active.values()]) {
      if (story.last >= cutoff) continue;
      for (const key of story.indexed) this.index.get(key)?.delete(story.id);
      story.indexed = new Set();
      this.active.delete(story.id);
      // Vectors are what take memory; an inactive story keeps only its ids.
      story.members = [];
      story.centroid = new Map();
      story.titleCentroid = new Map();
      story.entityCentroid = new Map();
      story.norms = { centroid: 0, title: 0, entity: 0 };
    }
    this.duplicateIndex.evictBefore(this.latest - (this.options.duplicates.windowHours ?? 168) * 3_600_000);
  }
}

/** Two or more stories found to be one: `from` are folded into `into` (the oldest). */
export interface StoryMerge {
  into: string;
  from: string[];
}

/** A story that was cut in parts: it keeps the part with its first article, `into` are new stories. */
export interface StorySplit {
  story: string;
  into: string[];
}

/**
 * Stories that converged: pairs the join model would put together when comparing the stories as
 * wholes (centroids, closest articles, entities, time), grouped transitively. Pure; oldest first.
 */
export function findStoryMerges(stories: readonly (StoryVectors & { id: string; lang: string; first: number })[], model: JoinModel): StoryMerge[] {
  const order = [...stories].sort((a, b) => a.first - b.first || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parent = new Map(order.map((s) => [s.id, s.id]));
  const root = (id: string): string => {
    while (parent.get(id) !== id) id = parent.get(id)!;
    return id;
  };
  const keys = order.map((s) => new Set([...topTerms(s.centroid, 10), ...topTerms(s.entityCentroid, 5)]));
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const a = order[i]!;
      const b = order[j]!;
      if (a.lang !== b.lang || root(a.id) === root(b.id)) continue;
      if (![...keys[i]!].some((k) => keys[j]!.has(k))) continue;
      if (joinProbability(model, storyPairFeatures(a, b)) >= model.mergeThreshold) parent.set(root(b.id), root(a.id));
    }
  }
  const groups = new Map<string, string[]>();
  for (const s of order) {
    const r = root(s.id);
    if (r !== s.id) groups.set(r, [...(groups.get(r) ?? []), s.id]);
  }
  return [...groups.entries()].map(([into, from]) => ({ into, from }));
}

/**
 * Parts of a chained story: articles are linked when the join model would put one with the other
 * alone; a story whose articles fall into separate linked groups of two or more is cut there (a
 * lone outlier stays). Returns article-id groups (copies follow their originals), the group with
 * the story's first article first, or undefined when the story holds together.
 */
export function splitChainedStory(
  story: StoryVectors & { articleIds: readonly string[]; duplicates: ReadonlyMap<string, string> }, model: JoinModel, threshold = model.threshold,
): string[][] | undefined {
  const members = story.members;
  if (members.length < 4) return undefined;
  const parent = members.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  const alone = members.map((m) => storyVectorsOf([m]));
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      if (root(i) === root(j)) continue;
      if (joinProbability(model, articleStoryFeatures(members[j]!, alone[i]!)) >= threshold) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, string[]>();
  members.forEach((m, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), m.id]));
  const big = [...groups.values()].filter((g) => g.length >= 2);
  if (big.length < 2) return undefined;
  // Lone outliers go with the first part; copies follow their originals.
  const parts = big.map((g) => [...g]);
  const placed = new Set(parts.flat());
  for (const id of story.articleIds) {
    if (placed.has(id)) continue;
    const original = story.duplicates.get(id);
    const part = original ? parts.find((p) => p.includes(original)) : undefined;
    (part ?? parts[0]!).push(id);
  }
  const position = new Map(story.articleIds.map((id, i) => [id, i]));
  for (const p of parts) p.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  return parts.sort((a, b) => (position.get(a[0]!) ?? 0) - (position.get(b[0]!) ?? 0));
}

function getOrCreate(map: Map<string, DocumentFrequencies>, key: string): DocumentFrequencies {
  let value = map.get(key);
  if (!value) map.set(key, (value = new DocumentFrequencies()));
  return value;
}

function getOrCreateSet(map: Map<string, Set<string>>, key: string): Set<string> {
  let value = map.get(key);
  if (!value) map.set(key, (value = new Set()));
  return value;
}

/** Clusters a whole list in order: the assignment of each article (the `cluster` CLI and benches use it). */
export function clusterArticles(articles: Iterable<StoryArticleInput | AnalyzedArticle>, options: Partial<ClusterOptions> = {}): Assignment[] {
  const clusterer = new StoryClusterer(options);
  return [...articles].map((a) => clusterer.add(a));
}
