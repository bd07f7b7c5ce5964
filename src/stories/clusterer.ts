// Online, incremental story clustering. Each new article is first checked for being a copy of an
// earlier one (then it joins the original's story); otherwise candidate stories come from an
// inverted index over the terms and entities of stories active in the window (default 72 h), each
// candidate is scored by the join model, and the article joins the most likely story when the
// model says it belongs (probability ≥ the model's threshold) or opens a new one. Articles are
// clustered within their language. Deterministic for a given input order: no clock, no randomness,
// ties broken by story age.
//
// Cost per article is bounded by the window, not by history: stories older than the window leave
// the index and drop their vectors, index keys shared by very many stories are skipped (they do not
// tell stories apart), and only the few candidates most similar by centroid get the full features.
import type { Gazetteer } from '../text/gazetteer.js';
import { analyzeArticle, type AnalyzedArticle, type StoryArticleInput } from './article.js';
import { DuplicateIndex, type DuplicateOptions } from './duplicates.js';
import {
  addMemberVectors, articleStoryFeatures, emptyStoryVectors, idVector, mapDot, storyPairFeatures, storyVectorsOf, vectorDot,
  type ArticleVectors, type IdVector, type StoryVectors,
} from './features.js';
import { defaultJoinModel, joinProbability, type JoinModel } from './model.js';

/** Settings of the clusterer. */
export interface ClusterOptions {
  /** A story accepts articles this long after its latest one (default 72). */
  windowHours: number;
  /** How many times title terms count in the text vector (default 3). */
  titleWeight: number;
  model: JoinModel;
  /** Candidate stories taken from the index per article (default 30). */
  maxCandidates: number;
  /** Of those, the ones most similar by centroid that the join model scores (default 5). */
  scoredCandidates: number;
  /** Story id for a story opened by an article (default: the article's id). */
  newStoryId: (articleId: string) => string;
  duplicates: Partial<DuplicateOptions>;
  /** Names known in advance (built-in when absent; extend it with learnGazetteerEntries from the corpus). */
  gazetteer?: Gazetteer;
  /** Probability at which two articles of a story count as linked in the split pass (default: the model's split threshold). */
  splitThreshold?: number;
}

export const defaultClusterOptions: ClusterOptions = {
  windowHours: 72,
  titleWeight: 3,
  model: defaultJoinModel,
  maxCandidates: 30,
  scoredCandidates: 5,
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
  /** Position in opening order (ties go to the older story). */
  order: number;
  /** Term and entity ids the story is indexed under. */
  indexedTerms: number[];
  indexedEntities: number[];
}

/** A teacher for training: the true story label of the article and a sink for candidate features. */
export interface ClusterOracle {
  label: string;
  record(features: number[], joins: boolean): void;
}

/** Terms of a story's centroid that enter the candidate index. */
const indexedTermsPerStory = 40;
/** Entities of a story that enter the candidate index. */
const indexedEntitiesPerStory = 20;
/** Terms of a new article used to look candidates up. */
const queryTerms = 16;
/** Terms kept in an article's vector: the tail of a long text weighs little and costs every comparison. */
const maxVectorTerms = 120;
/**
 * An index key keeps at most this many stories: the most recently (re)indexed ones. A key shared by
 * more stories no more tells them apart than a stopword does, and walking it would make the cost of
 * an article grow with the volume of news in the window.
 */
const maxPostings = 48;
/** Heaviest terms of a new article that rank the shortlisted candidates (the full vector scores the finalists). */
const shortlistTerms = 32;
/** Entities of a new article used to look candidates up. */
const queryEntities = 10;
/** In the merge pass, keys shared by more stories than this are not used to pair stories. */
const maxMergePostings = 400;

/** Interned strings: ids in order of first appearance (so the same input order gives the same ids). */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly words: string[] = [];

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }
}

/** Document frequencies over interned ids, grown one document at a time. */
class IdFrequencies {
  private readonly df = new Map<number, number>();
  private docs = 0;

  add(ids: Iterable<number>): void {
    this.docs++;
    for (const id of ids) this.df.set(id, (this.df.get(id) ?? 0) + 1);
  }

  /** Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1, so unseen terms weigh most. */
  idf(id: number): number {
    return Math.log((this.docs + 1) / ((this.df.get(id) ?? 0) + 1)) + 1;
  }
}

/** The online clusterer; feed it articles in arrival order with `add`. */
export class StoryClusterer {
  readonly options: ClusterOptions;
  private readonly stories = new Map<string, StoryState>();
  private readonly active = new Map<string, StoryState>();
  private readonly storyOfArticle = new Map<string, string>();
  private readonly terms = new Vocabulary();
  private readonly entityNames = new Vocabulary();
  private readonly termIndex = new Map<number, Set<StoryState>>();
  private readonly entityIndex = new Map<number, Set<StoryState>>();
  private readonly termDf = new Map<string, IdFrequencies>();
  private readonly entityDf = new Map<string, IdFrequencies>();
  private readonly duplicateIndex: DuplicateIndex;
  private readonly oracleStories = new Map<string, string>();
  private opened = 0;
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
    const { vectors, query, head } = this.vectorize(article);

    let best: { story: StoryState; probability: number } | undefined;
    const goldStory = oracle && this.oracleStories.get(oracle.label);
    for (const story of this.candidates(article, vectors, query, head)) {
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

  /** Stories still in the window (they can take new articles), oldest first. */
  activeStories(): readonly StoryState[] {
    return [...this.active.values()];
  }

  /** The article ids of a story in arrival order (copies included), empty when unknown. */
  articlesOf(storyId: string): readonly string[] {
    return this.stories.get(storyId)?.articleIds ?? [];
  }

  /** An active story by id (undefined once it left the window). */
  activeStory(storyId: string): StoryState | undefined {
    return this.active.get(storyId);
  }

  /**
   * Active stories near a story (sharing index keys with it, most shared first), for related
   * articles: what the candidate index already knows, without scanning every story.
   */
  nearStories(storyId: string, limit = 20): StoryState[] {
    const story = this.active.get(storyId);
    if (!story) return [];
    const hits = new Map<StoryState, number>();
    this.countHits(hits, this.termIndex, story.indexedTerms);
    this.countHits(hits, this.entityIndex, story.indexedEntities);
    hits.delete(story);
    return [...hits.entries()]
      .filter(([s]) => s.lang === story.lang)
      .sort((a, b) => b[1] - a[1] || a[0].order - b[0].order)
      .slice(0, limit)
      .map(([s]) => s);
  }

  /** The heaviest terms of an active story's centroid and its entity slugs (what related articles compare). */
  storyTerms(story: StoryState, limit = indexedTermsPerStory): { terms: Map<string, number>; entities: string[] } {
    const terms = new Map<string, number>();
    // The index terms are the heaviest already: no need to rank the centroid again.
    const ids = limit <= story.indexedTerms.length ? story.indexedTerms.slice(0, limit) : topIds(story.centroid, limit);
    for (const id of ids) terms.set(this.terms.words[id]!, story.centroid.get(id) ?? 0);
    return { terms, entities: story.indexedEntities.map((id) => this.entityNames.words[id]!) };
  }

  /**
   * The periodic pass at time `now` (epoch ms): merges active stories that converged and splits
   * chained ones, then re-indexes them. Returns what changed so that storage can follow.
   */
  maintain(now: number): { merges: StoryMerge[]; splits: StorySplit[] } {
    this.evict(now, true);
    const live = [...this.active.values()];
    const merges = findStoryMerges(live, this.options.model);
    for (const merge of merges) {
      const into = this.stories.get(merge.into)!;
      for (const fromId of merge.from) {
        const from = this.stories.get(fromId)!;
        for (const member of from.members) this.addMember(into, member);
        for (const id of from.articleIds) {
          into.articleIds.push(id);
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
    const splitThreshold = this.options.splitThreshold ?? this.options.model.splitThreshold ?? 1.01;
    for (const story of [...this.active.values()]) {
      const parts = splitThreshold > 1 ? undefined : splitChainedStory(story, this.options.model, splitThreshold);
      if (!parts) continue;
      const [keep, ...rest] = parts;
      const created: string[] = [];
      for (const part of rest) {
        const inPart = new Set(part);
        const opened = this.openStoryFrom(story.members.filter((m) => inPart.has(m.id)), story.lang);
        for (const id of part) {
          this.storyOfArticle.set(id, opened.id);
          opened.articleIds.push(id);
          const original = story.duplicates.get(id);
          if (original) opened.duplicates.set(id, original);
        }
        created.push(opened.id);
      }
      this.rebuild(story, new Set(keep));
      splits.push({ story: story.id, into: created });
    }
    return { merges, splits };
  }

  private vectorize(article: AnalyzedArticle): { vectors: ArticleVectors; query: number[]; head: IdVector } {
    const termDf = getOrCreate(this.termDf, article.lang);
    const entityDf = getOrCreate(this.entityDf, article.lang);
    const counts = new Map<number, number>();
    for (const [term, n] of article.bodyCounts) counts.set(this.terms.id(term), n);
    const titleCounts = new Map<number, number>();
    for (const [term, n] of article.titleCounts) {
      const id = this.terms.id(term);
      titleCounts.set(id, n);
      counts.set(id, (counts.get(id) ?? 0) + n * this.options.titleWeight);
    }
    termDf.add(counts.keys());
    const entityCounts = new Map<number, number>();
    for (const e of article.entities) entityCounts.set(this.entityNames.id(e.slug), (entityCounts.get(this.entityNames.id(e.slug)) ?? 0) + e.count);
    entityDf.add(entityCounts.keys());
    const weighted = new Map<number, number>();
    for (const [id, tf] of counts) weighted.set(id, (1 + Math.log(tf)) * termDf.idf(id));
    const ranked = topIds(weighted, maxVectorTerms);
    const kept = new Map(ranked.map((id) => [id, weighted.get(id)!]));
    const titleWeights = new Map<number, number>();
    for (const [id, tf] of titleCounts) titleWeights.set(id, (1 + Math.log(tf)) * termDf.idf(id));
    const entityWeights = new Map<number, number>();
    for (const [id, n] of entityCounts) entityWeights.set(id, (1 + Math.log(n)) * entityDf.idf(id));
    const vectors: ArticleVectors = {
      id: article.id,
      published: article.published,
      vector: idVector(kept),
      titleVector: idVector(titleWeights),
      entityVector: idVector(entityWeights),
      ...(article.latestYear !== undefined ? { latestYear: article.latestYear } : {}),
    };
    const headIds = Int32Array.from(ranked.slice(0, shortlistTerms)).sort();
    const position = new Map<number, number>();
    vectors.vector.ids.forEach((id, i) => position.set(id, i));
    const head: IdVector = { ids: headIds, weights: Float64Array.from(headIds, (id) => vectors.vector.weights[position.get(id)!]!) };
    return { vectors, query: ranked.slice(0, queryTerms), head };
  }

  private countHits(hits: Map<StoryState, number>, index: Map<number, Set<StoryState>>, keys: ArrayLike<number>): void {
    for (let k = 0; k < keys.length; k++) {
      const postings = index.get(keys[k]!);
      if (!postings) continue;
      for (const story of postings) hits.set(story, (hits.get(story) ?? 0) + 1);
    }
  }

  /**
   * Active same-language stories in the window sharing index keys with the article (most shared
   * keys first, at most `maxCandidates`), of which the `scoredCandidates` closest by centroid.
   */
  private candidates(article: AnalyzedArticle, vectors: ArticleVectors, query: readonly number[], head: IdVector): StoryState[] {
    const hits = new Map<StoryState, number>();
    this.countHits(hits, this.termIndex, query);
    this.countHits(hits, this.entityIndex, topIdsOfVector(vectors.entityVector, queryEntities));
    const windowMs = this.options.windowHours * 3_600_000;
    // Bucket by shared keys (few distinct counts) instead of sorting every story that shares one.
    const buckets: StoryState[][] = [];
    for (const [story, n] of hits) {
      if (story.lang !== article.lang || article.published - story.last > windowMs || story.first - article.published > windowMs) continue;
      (buckets[n] ??= []).push(story);
    }
    const shortlist: Array<{ story: StoryState; cosine: number }> = [];
    for (let n = buckets.length - 1; n > 0 && shortlist.length < this.options.maxCandidates; n--) {
      const bucket = buckets[n];
      if (!bucket) continue;
      bucket.sort((a, b) => a.order - b.order);
      for (const story of bucket) {
        if (shortlist.length >= this.options.maxCandidates) break;
        shortlist.push({ story, cosine: 0 });
      }
    }
    // Ranking the shortlist needs only the article's heaviest terms: most of the cosine is there.
    for (const c of shortlist) c.cosine = c.story.norms.centroid === 0 ? 0 : mapDot(head, c.story.centroid) / c.story.norms.centroid;
    return shortlist
      .sort((a, b) => b.cosine - a.cosine || a.story.order - b.story.order)
      .slice(0, this.options.scoredCandidates)
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
      ...emptyStoryVectors(), id, lang, articleIds: [], duplicates: new Map(), first: Infinity, last: -Infinity,
      order: this.opened++, indexedTerms: [], indexedEntities: [],
    };
    for (const m of members) this.addMember(story, m);
    this.stories.set(id, story);
    this.active.set(id, story);
    this.reindex(story);
    return story;
  }

  private joinStory(story: StoryState, article: AnalyzedArticle, vectors: ArticleVectors): void {
    this.addMember(story, vectors);
    story.articleIds.push(article.id);
    this.storyOfArticle.set(article.id, story.id);
    // Re-ranking a big centroid's terms on every join costs more than it changes: small stories
    // re-index each time, larger ones every eighth article.
    if (story.members.length <= 8 || story.members.length % 8 === 0) this.reindex(story);
  }

  private addMember(story: StoryState, member: ArticleVectors): void {
    addMemberVectors(story, member);
    story.first = Math.min(story.first, member.published);
    story.last = Math.max(story.last, member.published);
  }

  /** Keeps only the articles in `keep` (members and their copies) and recomputes the sums. */
  private rebuild(story: StoryState, keep: ReadonlySet<string>): void {
    const members = story.members.filter((m) => keep.has(m.id));
    Object.assign(story, emptyStoryVectors(), { first: Infinity, last: -Infinity });
    for (const m of members) this.addMember(story, m);
    story.articleIds = story.articleIds.filter((id) => keep.has(id));
    for (const id of [...story.duplicates.keys()]) if (!keep.has(id)) story.duplicates.delete(id);
    this.reindex(story);
  }

  private reindex(story: StoryState): void {
    const terms = topIds(story.centroid, indexedTermsPerStory);
    const entities = topIds(story.entityCentroid, indexedEntitiesPerStory);
    for (const key of story.indexedTerms) this.termIndex.get(key)?.delete(story);
    for (const key of story.indexedEntities) this.entityIndex.get(key)?.delete(story);
    // Re-adding moves the story to the end of each postings set: sets stay in order of last activity.
    for (const key of terms) addBounded(this.termIndex, key, story);
    for (const key of entities) addBounded(this.entityIndex, key, story);
    story.indexedTerms = terms;
    story.indexedEntities = entities;
  }

  private unindex(story: StoryState): void {
    for (const key of story.indexedTerms) {
      const postings = this.termIndex.get(key);
      postings?.delete(story);
      if (postings?.size === 0) this.termIndex.delete(key);
    }
    for (const key of story.indexedEntities) {
      const postings = this.entityIndex.get(key);
      postings?.delete(story);
      if (postings?.size === 0) this.entityIndex.delete(key);
    }
    story.indexedTerms = [];
    story.indexedEntities = [];
  }

  private removeStory(story: StoryState): void {
    this.unindex(story);
    this.active.delete(story.id);
    this.stories.delete(story.id);
  }

  /** Drops stories older than the window from the index (they stay in the snapshot). */
  private evict(now: number, force = false): void {
    if (now > this.latest) this.latest = now;
    // Evicting at most once an hour of article time keeps this linear pass cheap.
    if (!force && this.latest - this.lastEviction < 3_600_000) return;
    this.lastEviction = this.latest;
    const cutoff = this.latest - this.options.windowHours * 3_600_000;
    for (const story of [...this.active.values()]) {
      if (story.last >= cutoff) continue;
      this.unindex(story);
      this.active.delete(story.id);
      // Vectors are what take memory; an inactive story keeps only its ids.
      Object.assign(story, emptyStoryVectors());
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

/** Keys a story is compared under in the merge pass. */
const mergeKeys = (s: StoryVectors): number[] => [...topIds(s.centroid, 10), ...topIds(s.entityCentroid, 5).map((id) => -1 - id)];

/**
 * Stories that converged: pairs the join model would put together when comparing the stories as
 * wholes (centroids, closest articles, entities, years, time) with probability ≥ the model's merge
 * threshold, grouped transitively. Only stories sharing a heavy term or entity are compared. Pure;
 * oldest first.
 */
export function findStoryMerges(stories: readonly (StoryVectors & { id: string; lang: string; first: number })[], model: JoinModel): StoryMerge[] {
  if (model.mergeThreshold > 1) return [];
  const order = [...stories].sort((a, b) => a.first - b.first || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parent = order.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  const postings = new Map<number, number[]>();
  order.forEach((s, i) => {
    for (const key of mergeKeys(s)) {
      const list = postings.get(key);
      if (list) list.push(i);
      else postings.set(key, [i]);
    }
  });
  for (let i = 0; i < order.length; i++) {
    const a = order[i]!;
    const partners = new Set<number>();
    for (const key of mergeKeys(a)) {
      const list = postings.get(key)!;
      if (list.length > maxMergePostings) continue;
      for (const j of list) if (j > i) partners.add(j);
    }
    for (const j of [...partners].sort((x, y) => x - y)) {
      const b = order[j]!;
      if (a.lang !== b.lang || root(i) === root(j)) continue;
      if (joinProbability(model, storyPairFeatures(a, b)) >= model.mergeThreshold) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, string[]>();
  order.forEach((s, i) => {
    const r = root(i);
    if (r !== i) groups.set(r, [...(groups.get(r) ?? []), s.id]);
  });
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([into, from]) => ({ into: order[into]!.id, from }));
}

/**
 * Parts of a chained story (two events joined through an article that looked like both): the
 * story's articles are bisected (two-means on their text vectors, seeded by the article least
 * like the story and the one least like that) and the cut is kept when both parts have at least
 * `minPart` articles and the join model, comparing the parts as stories, gives them a probability
 * below `threshold`: a story is only cut where the merge pass would not put it back together.
 * Returns article-id groups (copies follow their originals), the group with the story's first
 * article first, or undefined when the story holds together.
 */
export function splitChainedStory(
  story: StoryVectors & { articleIds: readonly string[]; duplicates: ReadonlyMap<string, string> }, model: JoinModel, threshold = model.threshold, minPart = 3,
): string[][] | undefined {
  const members = story.members;
  if (members.length < 2 * minPart) return undefined;
  const similarity = (m: ArticleVectors, sum: ReadonlyMap<number, number>) => mapDot(m.vector, sum);
  const leastLike = (sum: ReadonlyMap<number, number>) => {
    let worst = 0;
    for (let i = 1; i < members.length; i++) if (similarity(members[i]!, sum) < similarity(members[worst]!, sum)) worst = i;
    return worst;
  };
  const a = leastLike(story.centroid);
  const b = leastLike(storyVectorsOf([members[a]!]).centroid);
  if (a === b) return undefined;
  let side = members.map((m) => vectorDot(m.vector, members[a]!.vector) >= vectorDot(m.vector, members[b]!.vector));
  for (let round = 0; round < 6; round++) {
    const left = storyVectorsOf(members.filter((_, i) => side[i]));
    const right = storyVectorsOf(members.filter((_, i) => !side[i]));
    if (left.members.length === 0 || right.members.length === 0) return undefined;
    const next = members.map((m) => similarity(m, left.centroid) / left.norms.centroid >= similarity(m, right.centroid) / right.norms.centroid);
    if (next.every((x, i) => x === side[i])) break;
    side = next;
  }
  const left = storyVectorsOf(members.filter((_, i) => side[i]));
  const right = storyVectorsOf(members.filter((_, i) => !side[i]));
  if (left.members.length < minPart || right.members.length < minPart) return undefined;
  if (joinProbability(model, storyPairFeatures(left, right)) >= threshold) return undefined;
  const parts = [left.members.map((m) => m.id), right.members.map((m) => m.id)];
  // Copies follow their originals; anything else unplaced stays with the first part.
  const partOf = new Map<string, string[]>();
  for (const p of parts) for (const id of p) partOf.set(id, p);
  for (const id of story.articleIds) {
    if (partOf.has(id)) continue;
    const original = story.duplicates.get(id);
    const part = (original && partOf.get(original)) || parts[0]!;
    part.push(id);
  }
  const position = new Map(story.articleIds.map((id, i) => [id, i]));
  for (const p of parts) p.sort((x, y) => (position.get(x) ?? 0) - (position.get(y) ?? 0));
  return parts.sort((x, y) => (position.get(x[0]!) ?? 0) - (position.get(y[0]!) ?? 0));
}

/** True when (w, id) ranks before (w2, id2): heavier first, ties by smaller id. */
const ranksBefore = (w: number, id: number, w2: number, id2: number): boolean => w > w2 || (w === w2 && id < id2);

/**
 * The n heaviest ids of a sum, heaviest first, ties by id so the order is deterministic. One pass
 * keeping a sorted top list: a big story's centroid is not sorted whole for its 40 index terms.
 */
function topIds(weights: ReadonlyMap<number, number>, n: number): number[] {
  const ids: number[] = [];
  const ws: number[] = [];
  for (const [id, w] of weights) {
    if (ids.length === n && !ranksBefore(w, id, ws[n - 1]!, ids[n - 1]!)) continue;
    let i = ids.length === n ? n - 1 : ids.length;
    if (ids.length < n) {
      ids.push(id);
      ws.push(w);
    }
    while (i > 0 && ranksBefore(w, id, ws[i - 1]!, ids[i - 1]!)) {
      ids[i] = ids[i - 1]!;
      ws[i] = ws[i - 1]!;
      i--;
    }
    ids[i] = id;
    ws[i] = w;
  }
  return ids;
}

/** The n heaviest ids of an id vector (see topIds). */
function topIdsOfVector(vector: { ids: Int32Array; weights: Float64Array }, n: number): number[] {
  if (vector.ids.length <= n) return Array.from(vector.ids);
  const weights = new Map<number, number>();
  for (let i = 0; i < vector.ids.length; i++) weights.set(vector.ids[i]!, vector.weights[i]!);
  return topIds(weights, n);
}

/** Adds a story to a key's postings, dropping the least recently indexed story past `maxPostings`. */
function addBounded(index: Map<number, Set<StoryState>>, key: number, story: StoryState): void {
  let postings = index.get(key);
  if (!postings) index.set(key, (postings = new Set()));
  postings.add(story);
  if (postings.size > maxPostings) postings.delete(postings.values().next().value!);
}

function getOrCreate(map: Map<string, IdFrequencies>, key: string): IdFrequencies {
  let value = map.get(key);
  if (!value) map.set(key, (value = new IdFrequencies()));
  return value;
}


/** Clusters a whole list in order: the assignment of each article (the `cluster` CLI and benches use it). */
export function clusterArticles(articles: Iterable<StoryArticleInput | AnalyzedArticle>, options: Partial<ClusterOptions> = {}): Assignment[] {
  const clusterer = new StoryClusterer(options);
  return [...articles].map((a) => clusterer.add(a));
}

/** How often, in article time, the periodic merge/split pass runs (the pipeline runs it on the same clock). */
export const maintainEveryMs = 3_600_000;

/**
 * Feeds analysed articles in order with the periodic pass every `maintainEveryMs` of article time
 * and once more after the last one, as a running pipeline would; returns the clusterer (ask it
 * `storyOf`). Training and the benches score clusterings made this way.
 */
export function clusterStream(articles: Iterable<AnalyzedArticle>, options: Partial<ClusterOptions> = {}, maintain = true): StoryClusterer {
  const clusterer = new StoryClusterer(options);
  let next = -Infinity;
  let latest = -Infinity;
  for (const article of articles) {
    if (maintain && article.published >= next) {
      if (next > -Infinity) clusterer.maintain(article.published);
      next = article.published + maintainEveryMs;
    }
    clusterer.add(article);
    latest = Math.max(latest, article.published);
  }
  if (maintain && latest > -Infinity) clusterer.maintain(latest);
  return clusterer;
}
