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
// Candidate counting runs over small integer slots (one per active story) in typed arrays.
//
// Memory: with `keepHistory` off (a long-running pipeline), a story that leaves the window is
// forgotten whole: its id, vectors and the story of its articles. What stays is what the assignment
// of later articles needs: the duplicate index (its own window, 7 days by default) and, for the
// articles it still holds, their story id, so that a late copy of an article whose story left the
// window still joins that story (as an id: the story is not revived). Any other late article for a
// forgotten story opens a new story, as it did before (a story out of the window takes no articles).
// The vocabulary and document frequencies are the one thing that grows with history: with the
// number of distinct terms ever seen, which grows far slower than the number of articles.
import type { Gazetteer } from '../text/gazetteer.js';
import { analyzeArticle, type AnalyzedArticle, type StoryArticleInput } from './article.js';
import { ThreadStreamTable } from './duplicate-thread.js';
import { DuplicateStream, type DuplicateOptions } from './duplicates.js';
import {
  addMemberVectors, articleStoryFeaturesBut, bestMemberCosine, bestMemberFeature, bestPairCosine, cosineCeiling, cosineFloor,
  readAheadSink, readStoryAhead, SumTable, emptyStoryVectors, SparseSum, storyPairFeaturesBut, storyVectorsOf, VectorTable,
  ArticleVectors, type IdVector, type StoryVectors,
} from './features.js';
import { defaultJoinModel, joinProbability, probabilityCeiling, probabilityFloor, storyPairModel, type JoinModel } from './model.js';
import { grownInts, StoryPostings } from './postings.js';
import { termNumbering } from '../text/terms.js';

/** Settings of the clusterer. */
export interface ClusterOptions {
  /** A story accepts articles this long after its latest one (default 72). */
  windowHours: number;
  /** How many times title terms count in the text vector (default 3). */
  titleWeight: number;
  model: JoinModel;
  /** Candidate stories taken from the index per article (default 30). */
  maxCandidates: number;
  /**
   * Of those, the ones most similar by centroid that the join model scores (default 2: on ECB+ the
   * story joined was the closest by centroid in 96 % of joins, the second in 3 %, the third in 0.5 %,
   * the fourth once in 2,400 joins and the fifth never; scoring the third too gave held-out BCubed
   * 92.31 against 92.50 with two, for half again as many of the costliest features). The periodic pass
   * weighs as many partners per story and per lone article. Training (an oracle) records
   * `trainingCandidates` of them: the model learns from the harder negatives too.
   */
  scoredCandidates: number;
  /** Story id for a story opened by an article (default: the article's id). */
  newStoryId: (articleId: string) => string;
  duplicates: Partial<DuplicateOptions>;
  /** Names known in advance (built-in when absent; extend it with learnGazetteerEntries from the corpus). */
  gazetteer?: Gazetteer;
  /** Probability at which two articles of a story count as linked in the split pass (default: the model's split threshold). */
  splitThreshold?: number;
  /**
   * Remember every story and the story of every article after they leave the window (default
   * true), so that `snapshot`, `storyOf` and `articlesOf` answer for the whole stream: replays,
   * training and evaluation read them at the end. A long-running pipeline turns it off and its
   * memory is then bounded by the window (see the file comment).
   */
  keepHistory: boolean;
  /**
   * Run the duplicate test in a thread of its own (default false): with articles announced ahead
   * (`announce`), the thread looks them up while the clusterer places earlier ones. The same
   * stories as without. The clusterer then holds a thread until `close` (it does not keep the
   * process up).
   */
  duplicateThread: boolean;
}

export const defaultClusterOptions: ClusterOptions = {
  windowHours: 72,
  titleWeight: 3,
  model: defaultJoinModel,
  maxCandidates: 30,
  scoredCandidates: 2,
  newStoryId: (articleId) => articleId,
  duplicates: {},
  keepHistory: true,
  duplicateThread: false,
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
  times: number[];
  first: number;
  last: number;
  /** Position in opening order (ties go to the older story). */
  order: number;
  /** Term and entity ids the story is indexed under. */
  indexedTerms: number[];
  indexedEntities: number[];
  /** Its place in the candidate index's per-story arrays while active; −1 once out of the window. */
  slot: number;
  /** Members the story had when the split pass last bisected it (0: never). */
  splitCheckedAt: number;
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
/**
 * Heaviest terms of a story's centroid that the shortlist ranking compares (the whole centroid
 * scores the finalists; a story with fewer terms is compared whole). Kept per slot in one flat
 * array: reading the candidates' centroids for every article would cost a cache miss per term (it
 * made the clustering half again slower), while these sit side by side. 32 (128 until session 9,
 * then 64) left held-out BCubed on ECB+ as it was with 64 (92.31 / 91.19 with three finalists)
 * and moved 59 of 100k assignments of the scale stream, from half the memory read.
 */
const profileTerms = 32;
/** Entities of a new article used to look candidates up. */
const queryEntities = 10;
/** Candidates whose features a training oracle records (see `scoredCandidates`). */
const trainingCandidates = 5;
/** Numbers kept per slot in `slotState`: keys shared with the article being placed, language id, first time, latest time, opening order. */
const slotFields = 5;
/** Slots of the head's lookup table: a power of two at least twice `shortlistTerms`. */
const headTableSize = 128;
const headTableShift = 32 - Math.log2(headTableSize);
/** In the merge pass, keys shared by more stories than this are not used to pair stories. */
const maxMergePostings = 400;
/** Keys a lone article must share with a story for the periodic pass to weigh moving it there (see findLonePlacements). */
const minLoneKeys = 2;
/** Evicting at most once an hour of article time keeps the linear pass over active stories cheap. */
const evictEveryMs = 3_600_000;

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

/** Document frequencies over interned ids (dense: ids are small and consecutive), grown one document at a time. */
class IdFrequencies {
  private df = new Int32Array(1024);
  private docs = 0;

  /** Counts one document whose distinct ids are `ids[0..count)`. */
  add(ids: ArrayLike<number>, count = ids.length): void {
    this.docs++;
    for (let i = 0; i < count; i++) {
      const id = ids[i]!;
      if (id >= this.df.length) this.df = grown(this.df, id + 1);
      this.df[id]!++;
    }
  }

  /** Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1, so unseen terms weigh most. */
  idf(id: number): number {
    return Math.log((this.docs + 1) / ((id < this.df.length ? this.df[id]! : 0) + 1)) + 1;
  }
}

/** A typed array of at least `size` elements holding `array`'s values (capacity doubles). */
function grown<T extends Int32Array | Float64Array>(array: T, size: number): T {
  let capacity = Math.max(array.length, 16);
  while (capacity < size) capacity *= 2;
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** Vectors of a stored story that left the window: shared, never written (only active stories take members). */
const retiredVectors: StoryVectors & { members: ArticleVectors[]; times: number[] } = emptyStoryVectors();
const noIds: number[] = [];

/**
 * Story slots by key, and each story's keys as indexed: the periodic pass's indexes of merge keys
 * (every active story; the lone ones), kept as stories change instead of rebuilt at every pass.
 * Each key's holders are one packed array of slots, walked front to back (the pass reads lists of
 * up to `maxMergePostings` for every story that changed: a list linked through a node pool cost a
 * dependent load, most often a cache miss, per holder). A holder leaves by taking the last one's
 * place, so a list's order is not the order of indexing: every reader counts keys per slot and
 * orders what it found by itself.
 */
class SlotsByKey {
  /** Per key (at keySlot): the slots of its holders. */
  private readonly lists: Array<number[] | undefined> = [];
  /**
   * Per slot of an indexed story: the story, its keys and its place in each key's list (kept as
   * holders move). A slot belongs to one active story, and a story is taken out before its slot is
   * freed, so its slot finds its entry (a holder moved in a list finds it the same way).
   */
  private readonly bySlot: Array<{ story: StoryState; keys: number[]; places: number[] } | undefined> = [];

  /** Indexes a story under keys (distinct), replacing what it was indexed under. */
  add(story: StoryState, keys: number[]): void {
    this.remove(story);
    const places: number[] = [];
    for (const key of keys) {
      const k = keySlot(key);
      let list = this.lists[k];
      if (!list) {
        while (this.lists.length < k) this.lists.push(undefined);
        this.lists[k] = list = [];
      }
      places.push(list.length);
      list.push(story.slot);
    }
    this.bySlot[story.slot] = { story, keys, places };
  }

  /** Takes a story out (before its slot is freed); nothing when it is not in. */
  remove(story: StoryState): void {
    const entry = this.entryOf(story);
    if (!entry) return;
    this.bySlot[story.slot] = undefined;
    for (let i = 0; i < entry.keys.length; i++) {
      const k = keySlot(entry.keys[i]!);
      const list = this.lists[k]!;
      const place = entry.places[i]!;
      const last = list.pop()!;
      // An emptied list goes: keys come and go with the window, and an array kept for every key
      // ever indexed grew with the stream's vocabulary.
      if (list.length === 0) this.lists[k] = undefined;
      if (place === list.length) continue;
      // The last holder takes the place left: its entry learns where it now is under this key.
      list[place] = last;
      const moved = this.bySlot[last]!;
      for (let j = 0; j < moved.keys.length; j++) {
        if (keySlot(moved.keys[j]!) === k) {
          moved.places[j] = place;
          break;
        }
      }
    }
  }

  /** The slots of the stories indexed under `key` (in no particular order; read before the next change). */
  holders(key: number): readonly number[] {
    return this.lists[keySlot(key)] ?? noIds;
  }

  /** The keys a story is indexed under. */
  keysOf(story: StoryState): readonly number[] | undefined {
    return this.entryOf(story)?.keys;
  }

  /** A story's entry, if it is indexed (a story out of the window has slot −1 and none). */
  private entryOf(story: StoryState): { story: StoryState; keys: number[]; places: number[] } | undefined {
    const entry = story.slot >= 0 ? this.bySlot[story.slot] : undefined;
    return entry?.story === story ? entry : undefined;
  }
}

/**
 * Counts by small integer (a slot, a key's place), emptied in constant time: a new round starts a
 * new stamp, and a count whose stamp is older reads as 0. The periodic pass counts keys shared per
 * story several times a pass over thousands of slots; clearing arrays or filling maps cost more.
 */
class StampedCounts {
  /** Per index, side by side (one cache line for both): the round it was last counted in, and its count then. */
  private cells = new Int32Array(512);
  private stamp = 0;

  /** Starts a round: every count reads 0. */
  clear(): void {
    if (++this.stamp === 0x7fffffff) {
      for (let at = 0; at < this.cells.length; at += 2) this.cells[at] = 0;
      this.stamp = 1;
    }
  }

  /** Adds one to the count at `at`; returns the new count. */
  add(at: number): number {
    if (2 * at + 1 >= this.cells.length) this.cells = grown(this.cells, 2 * at + 2);
    const cells = this.cells;
    if (cells[2 * at] !== this.stamp) {
      cells[2 * at] = this.stamp;
      cells[2 * at + 1] = 0;
    }
    return ++cells[2 * at + 1]!;
  }

  /** The count at `at` in this round. */
  get(at: number): number {
    return 2 * at + 1 < this.cells.length && this.cells[2 * at] === this.stamp ? this.cells[2 * at + 1]! : 0;
  }
}

/** The online clusterer; feed it articles in arrival order with `add`. */
export class StoryClusterer {
  readonly options: ClusterOptions;
  /** Stories by id: every story (keepHistory) or the active ones. */
  private readonly stories = new Map<string, StoryState>();
  private readonly active = new Map<string, StoryState>();
  private readonly storyOfArticle = new Map<string, string>();
  private readonly terms = new Vocabulary();
  /**
   * Per term number (text/terms' termNumbering) of `termGeneration`, side by side: the term's id
   * and the term it was given for (undefined: not seen yet). An article's terms become ids through
   * this array, not by hashing each string; the term beside the id checks it in the same cache
   * line (reading the vocabulary's word for the id was a second miss per term).
   */
  private idsOfNumbers: Array<number | string | undefined> = [];
  private termGeneration = -1;
  private readonly entityNames = new Vocabulary();
  private readonly numerals = new Vocabulary();
  /**
   * Index key → slots of the stories indexed under it, least recently (re)indexed first. Keys are
   * interned ids (small, consecutive): arrays indexed by id, no hashing on the hot path.
   */
  private readonly termIndex = new StoryPostings(maxPostings);
  private readonly entityIndex = new StoryPostings(maxPostings);
  private readonly termDf = new Map<string, IdFrequencies>();
  private readonly entityDf = new Map<string, IdFrequencies>();
  private readonly numberDf = new Map<string, IdFrequencies>();
  private readonly duplicateStream: DuplicateStream;
  /**
   * Active stories of one article (their slots) by their merge keys (loneKeysOf): the
   * periodic pass finds the lone articles sharing keys with the stories that changed without
   * visiting every lone article in the window.
   */
  private readonly loneIndex = new SlotsByKey();
  /**
   * Every active story (its slot) by its merge keys (storyKeysOf),
   * and the stories whose keys may have changed since (members added, rebuilt, opened): the merge
   * pass weighs the stories that changed against the rest without listing the window's keys anew.
   */
  private readonly mergeIndex = new SlotsByKey();
  private readonly mergeDirty = new Set<StoryState>();
  /** Scratch of the pass: changed stories per merge key (at keySlot), keys shared per story slot. */
  private readonly keyHolders = new StampedCounts();
  private readonly slotHits = new StampedCounts();
  private readonly oracleStories = new Map<string, string>();
  private opened = 0;
  private latest = -Infinity;
  private lastEviction = -Infinity;
  /** Article time of the last periodic pass (see maintain). */
  private lastPass = -Infinity;

  // Active stories by slot, and what candidate selection reads of them, in flat arrays.
  private readonly slotStories: Array<StoryState | undefined> = [];
  private readonly freeSlots: number[] = [];
  /**
   * Per slot, side by side (one cache line for a story the candidate count touches): the keys it
   * shares with the article being placed, its language id, first and latest time, and its opening
   * order (see `slotFields`): candidate selection reads the order of every story it groups, and a
   * read in the line it has loaded costs nothing.
   */
  private slotState = new Float64Array(256 * slotFields);
  /** Per slot: the story's `profileTerms` heaviest centroid ids (ascending) and their weights over the centroid's length. */
  private profileIds = new Int32Array(256 * profileTerms);
  private profileWeights = new Float64Array(256 * profileTerms);
  private profileSizes = new Int32Array(256);
  private readonly langIds = new Map<string, number>();
  /** Slots that countHits found (the first `touchedCount`), and each query key's block start (its scratch). */
  private touchedSlots: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private touchedCount = 0;
  private keyStarts = new Int32Array(32);

  // Scratch space of `vectorize` and `add` (overwritten, or emptied, for each article).
  /**
   * The article's distinct term ids by their place in `ids`: an open-addressing table the size of
   * the article, not of the vocabulary (counts kept per term id in an array as large as the
   * vocabulary cost a cache miss per term of every article).
   */
  private readonly placeOfTerm = new TermPlaces();
  /**
   * Per place in `ids`: the term's count in the text (the title counted `titleWeight` times), its
   * count in the title, and its weight in the title vector ((1 + ln count) × idf, unnormalised).
   */
  private termCounts = new Float64Array(256);
  private titleTermCounts = new Float64Array(256);
  private titleWeights = new Float64Array(256);
  /** Per entity id (reset after each article): its count. */
  private entityCount = new Float64Array(1024);
  /** Distinct term ids of the article (body first), its title's ids and entity ids, each in order of first appearance. */
  private ids: Int32Array = new Int32Array(256);
  private titleIds: Int32Array = new Int32Array(64);
  private entityIds: Int32Array = new Int32Array(64);
  /** Weights of `ids`, then the heaviest of them in rank order. */
  private weights = new Float64Array(256);
  private rankedIds = new Int32Array(256);
  private rankedWeights = new Float64Array(256);
  private sortedWeights = new Float64Array(256);
  private readonly queryIds = new Int32Array(queryTerms);
  private queryCount = 0;
  // Scratch space of `candidates`.
  private grouped = new Int32Array(1024);
  private eligibleSlots = new Int32Array(1024);
  private eligibleHits = new Int32Array(1024);
  /** Opening orders of the stories in `eligibleSlots` and `grouped`, and of the oldest taken from a group. */
  private eligibleOrders = new Float64Array(1024);
  private groupedOrders = new Float64Array(1024);
  private oldestOrders = new Float64Array(0);
  /** Per number of keys shared: stories eligible, and where their group starts (then ends) in `grouped`. */
  private readonly groupSize = new Int32Array(queryTerms + queryEntities + 1);
  private readonly groupStart = new Int32Array(queryTerms + queryEntities + 1);
  private shortSlots = new Int32Array(0);
  private shortCosines = new Float64Array(0);
  private oldestSlots = new Int32Array(0);
  private pickedSlots = new Int32Array(0);
  private pickedCosines = new Float64Array(0);
  private readonly entityQueryIds = new Int32Array(queryEntities);
  /** Scratch of numberVectorInto. */
  private numberIds = new Int32Array(16);
  private numberWeights = new Float64Array(16);
  private readonly entityQueryWeights = new Float64Array(queryEntities);
  /** The article's text vector while it is placed (compared with candidate stories' members). */
  private readonly articleTable = new VectorTable();
  private readonly headIds = new Int32Array(shortlistTerms);
  private readonly headWeights = new Float64Array(shortlistTerms);
  /** The head as an open-addressing table (ids, −1 for empty; weights alongside): it sits in L1 while 30 profiles are read against it. */
  private readonly headTableIds = new Int32Array(headTableSize).fill(-1);
  private readonly headTableWeights = new Float64Array(headTableSize);
  /** The head's greatest id. */
  private headMost = -1;
  /**
   * A 256-bit mask of the head's ids (bit id mod 256): most profile terms are not in the head, and
   * a clear bit says so without probing the table.
   */
  private readonly headMask = new Int32Array(8);

  constructor(options: Partial<ClusterOptions> = {}) {
    this.options = { ...defaultClusterOptions, ...options };
    this.duplicateStream = new DuplicateStream(this.options.duplicates, this.options.duplicateThread ? (o) => new ThreadStreamTable(o) : undefined);
  }

  /**
   * Hands an article to the duplicate test ahead of its `add` (articles are then added in the
   * order announced, each the one analysed object): with `duplicateThread`, its table looks the
   * article up while earlier ones are placed. Without, nothing is done ahead. At most a couple of
   * thousand articles ahead (the thread's ring holds 2,048): recluster announces 512 at a time.
   */
  announce(input: AnalyzedArticle): void {
    this.duplicateStream.announce(input);
  }

  /** Stops the duplicate table's thread (with duplicateThread); the clusterer takes no article after. */
  close(): void {
    this.duplicateStream.close();
  }

  /** Clusters one article (raw or already analysed) and says which story it joined. */
  add(input: StoryArticleInput | AnalyzedArticle, oracle?: ClusterOracle): Assignment {
    const article = 'titleCounts' in input ? input : analyzeArticle(input, this.options.gazetteer);
    this.evict(article.published);
    const copy = this.duplicateStream.check(article);
    const copyStoryId = copy && this.storyOfArticle.get(copy.originalId);
    if (copy && copyStoryId !== undefined) {
      this.duplicateStream.record(article, true);
      // A story that left the window is still named when kept; forgotten, the copy joins it by id only.
      const copyStory = this.stories.get(copyStoryId);
      if (copyStory) {
        copyStory.articleIds.push(article.id);
        copyStory.duplicates.set(article.id, copy.originalId);
        copyStory.last = Math.max(copyStory.last, article.published);
        this.placeSlot(copyStory);
      }
      this.storyOfArticle.set(article.id, copyStoryId);
      return { id: article.id, story: copyStoryId, duplicateOf: copy.originalId };
    }
    this.duplicateStream.record(article, false);
    const vectors = this.vectorize(article);

    let best: StoryState | undefined;
    let bestProbability = 0;
    const goldStory = oracle && this.oracleStories.get(oracle.label);
    const { model } = this.options;
    const candidates = this.candidates(article, vectors, oracle ? Math.max(trainingCandidates, this.options.scoredCandidates) : this.options.scoredCandidates);
    for (const story of candidates) readStoryAhead(story);
    for (const story of candidates) {
      const features = articleStoryFeaturesBut(vectors, story);
      // A story that could not be joined, or could not beat the best so far, whatever the article's
      // closest member: the costliest feature is not computed (a teacher records every candidate's).
      if (!oracle && !couldWin(model, features, best ? bestProbability : -1)) continue;
      features[bestMemberFeature] = bestMemberCosine(vectors, story, this.articleTable);
      oracle?.record(features, story.id === goldStory);
      const probability = joinProbability(model, features);
      if (!best || probability > bestProbability) {
        best = story;
        bestProbability = probability;
      }
    }
    let target: StoryState | undefined;
    if (oracle) target = goldStory !== undefined ? this.active.get(goldStory) : undefined;
    else if (best && bestProbability >= model.threshold) target = best;
    if (!target) {
      target = this.openStory(article, vectors);
      if (oracle) this.oracleStories.set(oracle.label, target.id);
      return { id: article.id, story: target.id };
    }
    this.joinStory(target, article, vectors);
    // Built field by field: spreading an optional field in costs a copy of the object per article.
    const joined: Assignment = { id: article.id, story: target.id };
    if (best && best === target) joined.probability = bestProbability;
    return joined;
  }

  /** The story an article is in, if it has been added (with keepHistory off: if its story is still active or the article is a recent original). */
  storyOf(articleId: string): string | undefined {
    return this.storyOfArticle.get(articleId);
  }

  /** Every story held (oldest first: all of them with keepHistory, else the active ones), with its article ids in arrival order. */
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
   * The periodic pass at time `now` (epoch ms): merges active stories that converged, moves lone
   * articles into stories that grew since (findLonePlacements) and splits chained ones, then
   * re-indexes them. Moves are reported as merges. Returns what changed so that storage can follow.
   */
  maintain(now: number): { merges: StoryMerge[]; splits: StorySplit[] } {
    this.evict(now, true);
    // Stories against stories (merges, the halves of a bisection) are weighed by the pair weights.
    const pairModel = storyPairModel(this.options.model);
    // Stories that took articles since the last pass, or articles of other stories in this one:
    // the rest were weighed as they are (mergesOfChanged, findLonePlacements, splitChainedStory) at an earlier pass.
    const since = this.lastPass;
    this.lastPass = now;
    const recent = this.storiesActiveSince(since);
    const merges = pairModel.mergeThreshold > 1 ? [] : this.mergesOfChanged(recent, pairModel);
    this.fold(merges);
    // The same stories less those merged away, and those that took them in.
    const changed = new Set(recent.filter((s) => s.slot >= 0));
    for (const merge of merges) changed.add(this.active.get(merge.into)!);
    // Lone articles are weighed against the changed stories; no other story takes part.
    const weighed = [...changed, ...this.lonesSharingKeys(changed)];
    const moves = findLonePlacements(weighed, this.options.model, (s) => changed.has(s), this.options.scoredCandidates);
    this.fold(moves);
    merges.push(...moves);
    for (const move of moves) changed.add(this.active.get(move.into)!);
    const splits: StorySplit[] = [];
    const splitThreshold = this.options.splitThreshold ?? this.options.model.splitThreshold ?? 1.01;
    // In opening order (the order of `active`), as the stories opened by splits take their ids.
    const splitting = splitThreshold > 1 ? [] : [...changed].filter((s) => s.slot >= 0).sort((a, b) => a.order - b.order);
    for (const story of splitting) {
      // Bisecting costs a pass over the story's articles per round: a story is bisected again
      // once it has grown by a quarter (at least one article) since it was last.
      const checked = story.splitCheckedAt;
      if (story.members.length < checked + Math.max(1, Math.floor(checked / 4))) continue;
      story.splitCheckedAt = story.members.length;
      const parts = splitChainedStory(story, pairModel, splitThreshold);
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

  /**
   * Unchanged lone stories that share at least `minLoneKeys` keys with one `changed` story of their
   * language, counting only keys held by at most `maxMergePostings` changed stories: every lone
   * article that findLonePlacements could weigh against a partner (it reads the same lists, and
   * skips partners that moved earlier in the pass), and no other. Each changed story counts, per
   * lone slot, the keys the two share (a key's list is read once per changed story holding it),
   * so a lone article with no partner is neither ordered nor visited again.
   */
  private lonesSharingKeys(changed: ReadonlySet<StoryState>): StoryState[] {
    const holders = this.keyHolders;
    holders.clear();
    for (const s of changed) for (const key of storyKeysOf(s)) holders.add(keySlot(key));
    const hits = this.slotHits;
    // In the order found (a Set keeps it); a changed story, the one counting included, is not a lone article to place.
    const found = new Set<StoryState>();
    for (const s of changed) {
      hits.clear();
      for (const key of storyKeysOf(s)) {
        if (holders.get(keySlot(key)) > maxMergePostings) continue;
        const slots = this.loneIndex.holders(key);
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i]!;
          if (hits.add(slot) !== minLoneKeys) continue;
          const lone = this.slotStories[slot]!;
          if (lone.lang === s.lang && !changed.has(lone)) found.add(lone);
        }
      }
    }
    return [...found];
  }

  /**
   * findStoryMerges(every active story, model, changed, scoredCandidates) for the `changed` stories,
   * from the merge index: the same merges (each changed story, oldest first, weighed against the
   * `scoredCandidates` stories sharing most keys, at least `minLoneKeys`, in lists of at most
   * `maxMergePostings`; grouped transitively) without ordering or indexing the whole window.
   */
  private mergesOfChanged(changed: readonly StoryState[], model: JoinModel): StoryMerge[] {
    this.refreshMergeIndex();
    const hits = this.slotHits;
    const parent = new Map<StoryState, StoryState>();
    const root = (s: StoryState): StoryState => {
      for (let up = parent.get(s); up !== undefined && up !== s; up = parent.get(s)) s = up;
      return s;
    };
    const touched: number[] = [];
    for (const a of byFirstThenId([...changed])) {
      hits.clear();
      const index = this.mergeIndex;
      for (const key of index.keysOf(a)!) {
        const slots = index.holders(key);
        if (slots.length > maxMergePostings) continue;
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i]!;
          if (slot !== a.slot && hits.add(slot) === 1) touched.push(slot);
        }
      }
      const closest: StoryState[] = [];
      for (const slot of touched) if (hits.get(slot) >= minLoneKeys) closest.push(this.slotStories[slot]!);
      touched.length = 0;
      closest.sort((x, y) => hits.get(y.slot) - hits.get(x.slot) || oldestFirst(x, y));
      const partners = closest.slice(0, this.options.scoredCandidates).sort(oldestFirst);
      for (const b of partners) {
        if (!parent.has(a)) parent.set(a, a);
        if (!parent.has(b)) parent.set(b, b);
        if (a.lang !== b.lang || root(a) === root(b)) continue;
        if (pairReaches(model, a, b, model.mergeThreshold)) parent.set(root(b), root(a));
      }
    }
    const groups = new Map<StoryState, string[]>();
    for (const s of byFirstThenId([...parent.keys()])) {
      const r = root(s);
      if (r !== s) groups.set(r, [...(groups.get(r) ?? []), s.id]);
    }
    return [...groups.entries()].sort((x, y) => oldestFirst(x[0], y[0])).map(([into, from]) => ({ into: into.id, from }));
  }

  /** Re-indexes the merge keys of the stories that changed since the last pass. */
  private refreshMergeIndex(): void {
    // add replaces what a story was indexed under; a story that left the window only goes.
    for (const story of this.mergeDirty) {
      if (story.slot >= 0) this.mergeIndex.add(story, storyKeysOf(story));
      else this.mergeIndex.remove(story);
    }
    this.mergeDirty.clear();
  }

  /** Active stories whose latest article is at or after `since` (the slot arrays hold every story's latest time side by side). */
  private storiesActiveSince(since: number): StoryState[] {
    const found: StoryState[] = [];
    for (let slot = 0; slot < this.slotStories.length; slot++) {
      if (this.slotState[slot * slotFields + 3]! >= since && this.slotStories[slot]) found.push(this.slotStories[slot]!);
    }
    return found;
  }

  /** Folds each merge's `from` stories into its `into` story (members, articles, copies, time span). */
  private fold(merges: readonly StoryMerge[]): void {
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
      this.placeSlot(into);
      this.reindex(into);
    }
  }

  /**
   * The term numbers of a counts map (see termNumbering) when it has them, after making sure
   * `idsOfNumbers` maps numbers of their generation; undefined otherwise (its terms are interned
   * by string).
   */
  private numbersOf(counts: Map<string, number>): readonly number[] | undefined {
    const numbering = termNumbering(counts);
    if (!numbering) return undefined;
    if (numbering.generation !== this.termGeneration) {
      this.termGeneration = numbering.generation;
      this.idsOfNumbers.fill(undefined);
    }
    return numbering.numbers;
  }

  /**
   * The term's id (`terms.id`) for a term whose number is `number`, remembered by number. The id found is
   * checked against the term (the same string object, most often: a compare of two pointers), so
   * that a number that is not the term's (a map changed since it was counted) costs a lookup by
   * string, never a wrong id.
   */
  private internNumbered(term: string, number: number): number {
    const pairs = this.idsOfNumbers;
    if (2 * number + 1 >= pairs.length) {
      // Grown densely (an index past the end would make a sparse array).
      const size = Math.max(2 * number + 2, pairs.length * 2, 1024);
      while (pairs.length < size) pairs.push(undefined);
    }
    const known = pairs[2 * number + 1];
    if (known === term) return pairs[2 * number] as number;
    const interned = this.terms.id(term);
    // A number already mapped, to another term, keeps its id: the map given was the odd one.
    if (known === undefined) {
      pairs[2 * number] = interned;
      pairs[2 * number + 1] = term;
    }
    return interned;
  }

  /**
   * The article's vectors, and in scratch space: its text vector in `articleTable`, its head
   * in the head table and its query terms in `queryIds[0..queryCount)`.
   */
  private vectorize(article: AnalyzedArticle): ArticleVectors {
    const termDf = getOrCreate(this.termDf, article.lang);
    const entityDf = getOrCreate(this.entityDf, article.lang);
    // Term frequencies by the term's place among the article's distinct terms: the title counts `titleWeight` times.
    const places = this.placeOfTerm;
    const capacity = article.bodyCounts.size + article.titleCounts.size;
    places.clear(capacity);
    if (this.termCounts.length < capacity) {
      this.termCounts = new Float64Array(Math.max(capacity, this.termCounts.length * 2));
      this.titleTermCounts = new Float64Array(this.termCounts.length);
      this.titleWeights = new Float64Array(this.termCounts.length);
    }
    const { termCounts, titleTermCounts, titleWeights } = this;
    let idCount = 0;
    let titleIdCount = 0;
    const bodyNumbers = this.numbersOf(article.bodyCounts);
    let k = 0;
    for (const [term, n] of article.bodyCounts) {
      const id = bodyNumbers ? this.internNumbered(term, bodyNumbers[k++]!) : this.terms.id(term);
      // The map's terms are distinct, and so are their ids: each is new here.
      places.add(id, idCount);
      termCounts[idCount] = n;
      titleTermCounts[idCount] = 0;
      this.ids = pushInt(this.ids, idCount++, id);
    }
    const { titleWeight } = this.options;
    const titleNumbers = this.numbersOf(article.titleCounts);
    k = 0;
    for (const [term, n] of article.titleCounts) {
      const id = titleNumbers ? this.internNumbered(term, titleNumbers[k++]!) : this.terms.id(term);
      let place = places.placeOf(id);
      if (place === -1) {
        place = places.add(id, idCount);
        this.ids = pushInt(this.ids, idCount++, id);
        termCounts[place] = 0;
      }
      this.titleIds = pushInt(this.titleIds, titleIdCount++, id);
      titleTermCounts[place] = n;
      termCounts[place]! += n * titleWeight;
    }
    const { ids, titleIds } = this;
    termDf.add(ids, idCount);
    if (this.weights.length < idCount) this.weights = new Float64Array(Math.max(idCount, this.weights.length * 2));
    const weights = this.weights;
    for (let i = 0; i < idCount; i++) weights[i] = (1 + Math.log(termCounts[i]!)) * termDf.idf(ids[i]!);
    for (let i = 0; i < titleIdCount; i++) {
      const place = places.placeOf(titleIds[i]!);
      titleWeights[place] = (1 + Math.log(titleTermCounts[place]!)) * termDf.idf(titleIds[i]!);
    }
    if (this.rankedIds.length < idCount) {
      this.rankedIds = new Int32Array(Math.max(idCount, this.rankedIds.length * 2));
      this.rankedWeights = new Float64Array(this.rankedIds.length);
    }
    const rankedIds = this.rankedIds;
    const rankedCount = topInto(ids, weights, maxVectorTerms, idCount, rankedIds, this.rankedWeights);
    // Entity counts by id (summed in order of appearance), ids in order of first appearance.
    let entityIdCount = 0;
    for (const e of article.entities) {
      const id = this.entityNames.id(e.slug);
      if (id >= this.entityCount.length) this.entityCount = grown(this.entityCount, id + 1);
      let seen = false;
      for (let k = 0; k < entityIdCount && !seen; k++) seen = this.entityIds[k] === id;
      if (!seen) this.entityIds = pushInt(this.entityIds, entityIdCount++, id);
      this.entityCount[id]! += e.count;
    }
    const { entityIds, entityCount } = this;
    entityDf.add(entityIds, entityIdCount);

    // The four vectors end to end in one buffer (see ArticleVectors): text, title, entities, quantities.
    const numberCount = this.numberVectorInto(article);
    const titleAt = rankedCount;
    const entityAt = titleAt + titleIdCount;
    const numberAt = entityAt + entityIdCount;
    const total = numberAt + numberCount;
    const buffer = new ArrayBuffer(total * 12);
    const packedWeights = new Float64Array(buffer, 0, total);
    const packedIds = new Int32Array(buffer, total * 8, total);
    // The text's weights are those ranked, the title's those above, each found by the term's place.
    sortedInto(packedIds, packedWeights, 0, titleAt, rankedIds, places, weights);
    sortedInto(packedIds, packedWeights, titleAt, entityAt, titleIds, places, titleWeights);
    fillWeighted(packedIds, packedWeights, entityAt, numberAt, entityIds, entityCount, entityDf);
    for (let i = 0; i < entityIdCount; i++) entityCount[entityIds[i]!] = 0;
    packedIds.set(this.numberIds.subarray(0, numberCount), numberAt);
    packedWeights.set(this.numberWeights.subarray(0, numberCount), numberAt);
    const vectors = new ArticleVectors(article.id, article.published, packedIds, packedWeights, titleAt, entityAt, numberAt, article.latestYear);
    // The head (the shortlist ranks candidates by it) lives only while the article is placed: views on scratch arrays.
    const headSize = Math.min(shortlistTerms, rankedCount);
    const head: IdVector = { ids: this.headIds.subarray(0, headSize), weights: this.headWeights.subarray(0, headSize) };
    head.ids.set(rankedIds.subarray(0, headSize));
    head.ids.sort();
    // Each head id's weight in the text vector (normalised): both lists are ids ascending, and the head's are among the text's.
    for (let i = 0, j = 0; i < headSize; i++) {
      while (packedIds[j] !== head.ids[i]) j++;
      head.weights[i] = packedWeights[j]!;
    }
    this.fillHeadTable(head);
    this.articleTable.fill(packedIds, packedWeights, 0, titleAt);
    this.queryCount = Math.min(queryTerms, rankedCount);
    this.queryIds.set(rankedIds.subarray(0, this.queryCount));
    return vectors;
  }

  /**
   * The article's quantities as a unit vector over numeral ids, each weighted (1 + ln count) × idf
   * among articles of its language: ids ascending in `numberIds`, weights in `numberWeights`
   * (scratch, copied into the article's buffer); returns how many. The same values as idVector
   * makes of them (squares summed in id order).
   */
  private numberVectorInto(article: AnalyzedArticle): number {
    const count = article.numbers.size;
    if (this.numberIds.length < count) {
      this.numberIds = new Int32Array(count * 2);
      this.numberWeights = new Float64Array(count * 2);
    }
    const ids = this.numberIds;
    const weights = this.numberWeights;
    let k = 0;
    for (const [numeral, n] of article.numbers) {
      ids[k] = this.numerals.id(numeral);
      weights[k++] = n;
    }
    const df = getOrCreate(this.numberDf, article.lang);
    df.add(ids, count);
    for (let i = 0; i < count; i++) weights[i] = (1 + Math.log(weights[i]!)) * df.idf(ids[i]!);
    // Ids ascending (numerals are distinct ids); an insertion sort: an article states a few quantities.
    for (let i = 1; i < count; i++) {
      const id = ids[i]!;
      const w = weights[i]!;
      let j = i - 1;
      for (; j >= 0 && ids[j]! > id; j--) {
        ids[j + 1] = ids[j]!;
        weights[j + 1] = weights[j]!;
      }
      ids[j + 1] = id;
      weights[j + 1] = w;
    }
    let sum = 0;
    for (let i = 0; i < count; i++) sum += weights[i]! * weights[i]!;
    const length = Math.sqrt(sum);
    if (length > 0) for (let i = 0; i < count; i++) weights[i]! /= length;
    return count;
  }

  /**
   * Counts, per active story slot, how many of `keys[0..count)` it is indexed under; slots hit are
   * in `touchedSlots[0..touchedCount)`, in the order first hit.
   */
  private countHits(index: StoryPostings, keys: ArrayLike<number>, count: number): void {
    if (this.keyStarts.length < count) this.keyStarts = new Int32Array(count * 2);
    const starts = this.keyStarts;
    const slots = index.slots;
    // The keys' blocks, then each block's first line (its length), in loops of their own: these
    // reads are cache misses that do not depend on each other, and they overlap here. Made in the
    // counting loop below, the reads for a key would wait for the key before it, whose inner loop
    // ends on a branch the processor cannot predict.
    for (let k = 0; k < count; k++) starts[k] = index.blockStart(keys[k]!);
    let postings = 0;
    for (let k = 0; k < count; k++) {
      const at = starts[k]!;
      if (at >= 0) postings += slots[at]!;
    }
    if (this.touchedSlots.length < this.touchedCount + postings) this.touchedSlots = grownInts(this.touchedSlots, this.touchedCount + postings, 0);
    const state = this.slotState;
    const touched = this.touchedSlots;
    let t = this.touchedCount;
    for (let k = 0; k < count; k++) {
      const at = starts[k]!;
      if (at < 0) continue;
      const end = at + 1 + slots[at]!;
      for (let i = at + 1; i < end; i++) {
        const slot = slots[i]!;
        const hits = state[slot * slotFields]!;
        state[slot * slotFields] = hits + 1;
        // Listed the first time it is hit: written every time, counted only then (no branch).
        touched[t] = slot;
        t += (hits - 1) >>> 31;
      }
    }
    this.touchedCount = t;
  }

  /**
   * Active same-language stories in the window sharing index keys with the article (most shared
   * keys first, at most `maxCandidates`), of which the `scored` closest by profile (the
   * heaviest centroid terms), closest first (ties: the older story).
   */
  private candidates(article: AnalyzedArticle, vectors: ArticleVectors, scored: number): StoryState[] {
    this.countHits(this.termIndex, this.queryIds, this.queryCount);
    const { packedIds, packedWeights, entityAt, numberAt } = vectors;
    const entityKeys = topInto(packedIds, packedWeights, queryEntities, numberAt - entityAt, this.entityQueryIds, this.entityQueryWeights, entityAt);
    this.countHits(this.entityIndex, this.entityQueryIds, entityKeys);
    const windowMs = this.options.windowHours * 3_600_000;
    const lang = this.langIds.get(article.lang) ?? -1;
    const published = article.published;
    // Group by shared keys (few distinct counts: a counting sort) instead of sorting every story that shares one.
    const touched = this.touchedSlots;
    const touchedCount = this.touchedCount;
    this.touchedCount = 0;
    if (this.grouped.length < touchedCount) {
      const size = Math.max(touchedCount, this.grouped.length * 2);
      this.grouped = new Int32Array(size);
      this.eligibleSlots = new Int32Array(size);
      this.eligibleHits = new Int32Array(size);
      this.eligibleOrders = new Float64Array(size);
      this.groupedOrders = new Float64Array(size);
    }
    const { grouped, eligibleSlots, eligibleHits, eligibleOrders, groupedOrders, slotState } = this;
    const groupSize = this.groupSize.fill(0);
    const groupStart = this.groupStart;
    let eligible = 0;
    let most = 0;
    for (let k = 0; k < touchedCount; k++) {
      const slot = touched[k]!;
      const at = slot * slotFields;
      const n = slotState[at]!;
      slotState[at] = 0;
      // Written every time, kept only when the story is eligible: no branch for the processor to mispredict.
      const kept = 1 ^ (+(slotState[at + 1] !== lang) | +(published - slotState[at + 3]! > windowMs) | +(slotState[at + 2]! - published > windowMs));
      eligibleSlots[eligible] = slot;
      eligibleOrders[eligible] = slotState[at + 4]!;
      eligibleHits[eligible] = n;
      eligible += kept;
      groupSize[n]! += kept;
      if (n * kept > most) most = n;
    }
    // Groups laid out most hits first, each in the order its stories were touched.
    for (let n = most, start = 0; n > 0; n--) {
      groupStart[n] = start;
      start += groupSize[n]!;
    }
    for (let k = 0; k < eligible; k++) {
      const at = groupStart[eligibleHits[k]!]!++;
      grouped[at] = eligibleSlots[k]!;
      groupedOrders[at] = eligibleOrders[k]!;
    }
    const { maxCandidates } = this.options;
    if (this.shortSlots.length < maxCandidates) {
      this.shortSlots = new Int32Array(maxCandidates);
      this.shortCosines = new Float64Array(maxCandidates);
      this.oldestSlots = new Int32Array(maxCandidates);
      this.oldestOrders = new Float64Array(maxCandidates);
    }
    const { shortSlots, shortCosines, oldestSlots, oldestOrders } = this;
    let listed = 0;
    for (let n = most; n > 0 && listed < maxCandidates; n--) {
      const size = groupSize[n]!;
      if (size === 0) continue;
      // groupStart[n] now holds the group's end.
      const to = groupStart[n]!;
      const from = to - size;
      const room = maxCandidates - listed;
      // The oldest stories of the group fill what room is left (the shortlist is ranked after).
      const taken = size <= room ? grouped : oldestSlots;
      const begin = size <= room ? from : 0;
      const end = size <= room ? to : oldestInto(grouped, groupedOrders, from, to, room, oldestSlots, oldestOrders);
      for (let k = begin; k < end; k++) shortSlots[listed++] = taken[k]!;
    }
    // The shortlist's profiles are read first in a loop without a branch to mispredict, so that
    // their cache lines are fetched side by side rather than one at a time as the cosines reach them.
    const { profileIds, profileWeights } = this;
    let touch = 0;
    for (let k = 0; k < listed; k++) {
      const base = shortSlots[k]! * profileTerms;
      touch += profileIds[base]! + profileIds[base + 16]! + profileWeights[base]! + profileWeights[base + 8]! + profileWeights[base + 16]! + profileWeights[base + 24]!;
    }
    readAheadSink.value = touch;
    // Ranking the shortlist needs only the article's heaviest terms against the story's: most of the cosine is there.
    for (let k = 0; k < listed; k++) shortCosines[k] = this.profileCosine(shortSlots[k]!);
    // The `scored` closest, in order (cosine descending, then opening order: a total order).
    const picked: StoryState[] = [];
    const pickedSlots = this.pickedSlots.length >= scored ? this.pickedSlots : (this.pickedSlots = new Int32Array(scored));
    const pickedCosines = this.pickedCosines.length >= scored ? this.pickedCosines : (this.pickedCosines = new Float64Array(scored));
    let size = 0;
    for (let k = 0; k < listed; k++) {
      const slot = shortSlots[k]!;
      const cosine = shortCosines[k]!;
      // Opening orders, from the slots' lines (see slotState).
      const o = slotState[slot * slotFields + 4]!;
      if (size === scored && !closerThan(cosine, o, pickedCosines[size - 1]!, slotState[pickedSlots[size - 1]! * slotFields + 4]!)) continue;
      let at = size === scored ? size - 1 : size++;
      while (at > 0 && closerThan(cosine, o, pickedCosines[at - 1]!, slotState[pickedSlots[at - 1]! * slotFields + 4]!)) {
        pickedSlots[at] = pickedSlots[at - 1]!;
        pickedCosines[at] = pickedCosines[at - 1]!;
        at--;
      }
      pickedSlots[at] = slot;
      pickedCosines[at] = cosine;
    }
    for (let k = 0; k < size; k++) picked.push(this.slotStories[pickedSlots[k]!]!);
    return picked;
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
    // The fields of emptyStoryVectors written out: spreading its object into this one was half of
    // this function's own time in a profile (the compiler checks that none is missing).
    const story: StoryState = {
      members: [], times: [], centroid: new SparseSum(), titleCentroid: new SparseSum(), entityCentroid: new SparseSum(), numberCentroid: new SparseSum(),
      norms: { centroid: 0, title: 0, entity: 0, number: 0 }, squares: { centroid: 0, title: 0, entity: 0, number: 0 }, years: new Map(), membersWithYear: 0,
      id, lang, articleIds: [], duplicates: new Map(), first: Infinity, last: -Infinity,
      order: this.opened++, indexedTerms: [], indexedEntities: [], slot: this.takeSlot(), splitCheckedAt: 0,
    };
    this.slotStories[story.slot] = story;
    this.slotState[story.slot * slotFields + 4] = story.order;
    let langId = this.langIds.get(lang);
    if (langId === undefined) this.langIds.set(lang, (langId = this.langIds.size));
    this.slotState[story.slot * slotFields + 1] = langId;
    for (const m of members) this.addMember(story, m);
    this.stories.set(id, story);
    this.active.set(id, story);
    this.reindex(story);
    if (members.length === 1) this.loneIndex.add(story, loneKeysOf(story));
    return story;
  }

  /** A free slot for a new active story (the last freed one first; slots never decide anything, order does). */
  private takeSlot(): number {
    const slot = this.freeSlots.pop() ?? this.slotStories.length;
    if (slot >= this.profileSizes.length) {
      const size = slot + 1;
      this.slotState = grown(this.slotState, size * slotFields);
      this.profileSizes = grown(this.profileSizes, size);
      this.profileIds = grown(this.profileIds, size * profileTerms);
      this.profileWeights = grown(this.profileWeights, size * profileTerms);
    }
    return slot;
  }

  /** Puts the head in its lookup table (emptied first: the previous article's head is still there). */
  private fillHeadTable(head: IdVector): void {
    const keys = this.headTableIds;
    keys.fill(-1);
    for (let i = 0; i < head.ids.length; i++) {
      const id = head.ids[i]!;
      let at = Math.imul(id, 0x9e3779b1) >>> headTableShift;
      while (keys[at] !== -1) at = (at + 1) & (headTableSize - 1);
      keys[at] = id;
      this.headTableWeights[at] = head.weights[i]!;
    }
    this.headMost = head.ids.length > 0 ? head.ids[head.ids.length - 1]! : -1;
    const mask = this.headMask.fill(0);
    for (let i = 0; i < head.ids.length; i++) mask[(head.ids[i]! >>> 5) & 7]! |= 1 << (head.ids[i]! & 31);
  }

  /**
   * Dot product of an article's head with a slot's profile: each profile id looked up in the
   * head's table. The shared ids are summed in ascending order, as a merge of the two sorted lists
   * would (the same value to the last bit), without a branch the processor cannot predict per step.
   */
  private profileCosine(slot: number): number {
    const ids = this.profileIds;
    const weights = this.profileWeights;
    const keys = this.headTableIds;
    const values = this.headTableWeights;
    const end = slot * profileTerms + this.profileSizes[slot]!;
    // Ids ascending: past the head's greatest id nothing is shared.
    const most = this.headMost;
    let total = 0;
    const mask = this.headMask;
    for (let j = slot * profileTerms; j < end; j++) {
      const id = ids[j]!;
      if (id > most) break;
      if ((mask[(id >>> 5) & 7]! & (1 << (id & 31))) === 0) continue;
      let at = Math.imul(id, 0x9e3779b1) >>> headTableShift;
      for (let key = keys[at]!; key !== -1; key = keys[at]!) {
        if (key === id) {
          total += values[at]! * weights[j]!;
          break;
        }
        at = (at + 1) & (headTableSize - 1);
      }
    }
    return total;
  }

  /**
   * Refreshes a story's profile in its slot after its centroid changed: the whole centroid while
   * it has at most `profileTerms` terms (then the shortlist cosine is exact), else its heaviest.
   */
  private profileSlot(story: StoryState): void {
    if (story.slot < 0) return;
    const { centroid } = story;
    const base = story.slot * profileTerms;
    const scale = story.norms.centroid === 0 ? 0 : 1 / story.norms.centroid;
    if (centroid.size <= profileTerms) {
      for (let i = 0; i < centroid.size; i++) {
        this.profileIds[base + i] = centroid.ids[i]!;
        this.profileWeights[base + i] = centroid.weights[i]! * scale;
      }
      this.profileSizes[story.slot] = centroid.size;
      return;
    }
    // The heaviest `profileTerms` (ties: the smaller id, as topInto ranks them), in id order: the
    // weight they reach down to from a sorted copy of the weights, then one walk of the centroid.
    if (this.sortedWeights.length < centroid.size) this.sortedWeights = new Float64Array(Math.max(centroid.size, this.sortedWeights.length * 2));
    const sorted = this.sortedWeights.subarray(0, centroid.size);
    sorted.set(centroid.weights.subarray(0, centroid.size));
    const least = kthSmallest(sorted, centroid.size - profileTerms);
    let ties = profileTerms;
    for (let i = 0; i < centroid.size; i++) if (sorted[i]! > least) ties--;
    let size = 0;
    for (let j = 0; j < centroid.size; j++) {
      const w = centroid.weights[j]!;
      if (w > least || (w === least && ties-- > 0)) {
        this.profileIds[base + size] = centroid.ids[j]!;
        this.profileWeights[base + size++] = w * scale;
      }
    }
    this.profileSizes[story.slot] = size;
  }

  /** Copies a story's time span into its slot (after anything that moves `first` or `last`). */
  private placeSlot(story: StoryState): void {
    if (story.slot < 0) return;
    this.slotState[story.slot * slotFields + 2] = story.first;
    this.slotState[story.slot * slotFields + 3] = story.last;
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
    this.mergeDirty.add(story);
    if (story.members.length === 2) this.loneIndex.remove(story);
    story.first = Math.min(story.first, member.published);
    story.last = Math.max(story.last, member.published);
    this.placeSlot(story);
    // A small centroid is copied whole on every change; ranking a big one waits for its re-index.
    if (story.centroid.size <= profileTerms) this.profileSlot(story);
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

  /** Re-ranks a story's centroid for its index keys and profile (on joins while small, every eighth join after). */
  private reindex(story: StoryState): void {
    if (story.centroid.size > profileTerms) this.profileSlot(story);
    const terms = topIds(story.centroid, indexedTermsPerStory);
    const entities = topIds(story.entityCentroid, indexedEntitiesPerStory);
    // Re-adding moves the story to the end of each postings list: lists stay in order of last activity.
    this.termIndex.replace(story.indexedTerms, terms, story.slot);
    this.entityIndex.replace(story.indexedEntities, entities, story.slot);
    story.indexedTerms = terms;
    story.indexedEntities = entities;
  }

  /** Takes an active story out of the candidate index and frees its slot. */
  private deactivate(story: StoryState): void {
    this.loneIndex.remove(story);
    this.mergeIndex.remove(story);
    this.mergeDirty.delete(story);
    for (const key of story.indexedTerms) this.termIndex.remove(key, story.slot);
    for (const key of story.indexedEntities) this.entityIndex.remove(key, story.slot);
    story.indexedTerms = noIds;
    story.indexedEntities = noIds;
    this.slotStories[story.slot] = undefined;
    this.freeSlots.push(story.slot);
    story.slot = -1;
    this.active.delete(story.id);
  }

  private removeStory(story: StoryState): void {
    this.deactivate(story);
    this.stories.delete(story.id);
  }

  /** Retires stories older than the window (see the file comment for what stays of them). */
  private evict(now: number, force = false): void {
    if (now > this.latest) this.latest = now;
    if (!force && this.latest - this.lastEviction < evictEveryMs) return;
    this.lastEviction = this.latest;
    const cutoff = this.latest - this.options.windowHours * 3_600_000;
    // The slot arrays hold every active story's latest time side by side: no story is visited to find the old ones.
    const retired: StoryState[] = [];
    for (let slot = 0; slot < this.slotStories.length; slot++) {
      if (this.slotState[slot * slotFields + 3]! < cutoff && this.slotStories[slot]) retired.push(this.slotStories[slot]!);
    }
    for (const story of retired) {
      this.deactivate(story);
      if (this.options.keepHistory) {
        // Vectors are what take memory; a story out of the window keeps only its ids.
        Object.assign(story, retiredVectors);
        continue;
      }
      this.stories.delete(story.id);
      // A copy of an article the duplicate index still holds will need the story's id.
      for (const id of story.articleIds) if (!this.duplicateStream.has(id)) this.storyOfArticle.delete(id);
    }
    const forgotten = this.duplicateStream.evictBefore(this.latest - (this.options.duplicates.windowHours ?? 168) * 3_600_000);
    if (this.options.keepHistory) return;
    for (const id of forgotten) {
      const story = this.storyOfArticle.get(id);
      if (story !== undefined && !this.active.has(story)) this.storyOfArticle.delete(id);
    }
  }
}

/** Two or more stories found to be one: `from` are folded into `into` (the oldest; for a lone article moved, the story it moved to). */
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
 * Keys a story is compared under in the merge pass, remembered while the story is unchanged (the
 * same centroid holding the same number of members): the pass asks for a changed story's keys twice.
 */
const mergeKeys = (s: StoryVectors): number[] => {
  const known = mergeKeysKnown.get(s);
  if (known && known.centroid === s.centroid && known.members === s.members.length) return known.keys;
  const keys = topIds(s.centroid, 10);
  for (const id of topIds(s.entityCentroid, 5)) keys.push(-1 - id);
  mergeKeysKnown.set(s, { centroid: s.centroid, members: s.members.length, keys });
  return keys;
};
const mergeKeysKnown = new WeakMap<StoryVectors, { centroid: SparseSum; members: number; keys: number[] }>();

/** Merge keys of one-article stories by their article: they never change, and a lone article is looked at every pass. */
const loneKeys = new WeakMap<ArticleVectors, number[]>();
const loneKeysOf = (s: StoryVectors): number[] => {
  const member = s.members[0]!;
  let keys = loneKeys.get(member);
  if (!keys) loneKeys.set(member, (keys = mergeKeys(s)));
  return keys;
};

/** Merge keys of a story: a lone article's as loneKeysOf keeps them, else mergeKeys (remembered while the story is unchanged). */
const storyKeysOf = (s: StoryVectors): number[] => (s.members.length === 1 ? loneKeysOf(s) : mergeKeys(s));

/**
 * Stories that converged: pairs the join model would put together when comparing the stories as
 * wholes (centroids, closest articles, entities, years, time) with probability ≥ the model's merge
 * threshold, grouped transitively. Only stories sharing a heavy term or entity are compared; with
 * `changed`, only a story that changed is weighed, against the `scored` stories sharing most of
 * its keys (at least minLoneKeys), as a lone article is (findLonePlacements): every pair sharing a
 * key, every pass, made clustering several times as costly per article. Pure; oldest first.
 */
export function findStoryMerges<S extends StoryVectors & { id: string; lang: string; first: number }>(
  stories: readonly S[], model: JoinModel, changed?: (story: S) => boolean, scored = Infinity,
): StoryMerge[] {
  if (model.mergeThreshold > 1) return [];
  const order = [...stories].sort((a, b) => a.first - b.first || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parent = order.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  const postings = new Map<number, number[]>();
  order.forEach((s, i) => {
    for (const key of storyKeysOf(s)) {
      const list = postings.get(key);
      if (list) list.push(i);
      else postings.set(key, [i]);
    }
  });
  const shared = new Map<number, number>();
  for (let i = 0; i < order.length; i++) {
    const a = order[i]!;
    const partners = new Set<number>();
    if (changed) {
      if (!changed(a)) continue;
      // Partners by the number of keys shared (one shared key is chance), most first.
      shared.clear();
      for (const key of storyKeysOf(a)) {
        const list = postings.get(key)!;
        if (list.length > maxMergePostings) continue;
        for (const j of list) if (j !== i) shared.set(j, (shared.get(j) ?? 0) + 1);
      }
      const closest = [...shared].filter((entry) => entry[1] >= minLoneKeys).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      for (const [j] of closest.slice(0, scored)) partners.add(j);
    } else {
      for (const key of storyKeysOf(a)) {
        const list = postings.get(key)!;
        if (list.length > maxMergePostings) continue;
        for (const j of list) if (j > i) partners.add(j);
      }
    }
    for (const j of [...partners].sort((x, y) => x - y)) {
      const b = order[j]!;
      if (a.lang !== b.lang || root(i) === root(j)) continue;
      if (pairReaches(model, a, b, model.mergeThreshold)) parent[root(j)] = root(i);
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
 * Articles left alone: each story of one article (oldest first) is compared, as an arriving article
 * would be, with the stories sharing a heavy term or entity with it, and moves into the most likely
 * one when the join model gives it at least the model's join threshold. An article that opened a
 * story because what it belonged to had not yet been written (or said it differently) joins it once
 * it has. Only stories that `changed` (took articles since the last pass) are candidates: against
 * the others the article was already weighed. A lone article that took another in does not move
 * after; one that moved takes none in. Pure; the moves as merges (`from` one lone story).
 */
export function findLonePlacements<S extends StoryVectors & { id: string; lang: string; first: number }>(
  stories: readonly S[], model: JoinModel, changed: (story: S) => boolean = () => true, scored = defaultClusterOptions.scoredCandidates,
): StoryMerge[] {
  // The pass hands over the changed stories and only the lone articles with a partner among them
  // (lonesSharingKeys), so every story given is ordered and visited.
  const keysOf = new Map(stories.filter(changed).map((s) => [s, storyKeysOf(s)]));
  if (keysOf.size === 0) return [];
  const order = byFirstThenId([...stories]);
  const postings = new Map<number, number[]>();
  // Languages as small numbers by position: the walk below compares one per posting, without reading the story.
  const langIds = new Map<string, number>();
  const langOf = new Int32Array(order.length);
  order.forEach((s, i) => {
    let lang = langIds.get(s.lang);
    if (lang === undefined) langIds.set(s.lang, (lang = langIds.size));
    langOf[i] = lang;
    for (const key of keysOf.get(s) ?? noIds) {
      const list = postings.get(key);
      if (list) list.push(i);
      else postings.set(key, [i]);
    }
  });
  const moved = new Uint8Array(order.length);
  const received = new Uint8Array(order.length);
  const moves: StoryMerge[] = [];
  // Keys shared with each partner (by position), and the partners touched, for the lone article weighed.
  const shared = new Int32Array(order.length);
  const touched: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const lone = order[i]!;
    if (lone.members.length !== 1 || received[i]) continue;
    // Partners by the number of keys shared; only the few sharing most get the full features.
    const lang = langOf[i]!;
    for (const key of loneKeysOf(lone)) {
      const list = postings.get(key);
      if (!list || list.length > maxMergePostings) continue;
      for (let k = 0; k < list.length; k++) {
        const j = list[k]!;
        if (j !== i && !moved[j] && langOf[j] === lang && shared[j]!++ === 0) touched.push(j);
      }
    }
    // One shared key is chance between unrelated stories; the article was weighed against those at arrival.
    const closest: Array<[number, number]> = [];
    for (const j of touched) {
      if (shared[j]! >= minLoneKeys) closest.push([j, shared[j]!]);
      shared[j] = 0;
    }
    touched.length = 0;
    if (closest.length === 0) continue;
    closest.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    let best = -1;
    let bestProbability = 0;
    for (const [j] of closest.slice(0, scored)) {
      const features = articleStoryFeaturesBut(lone.members[0]!, order[j]!);
      if (!couldWin(model, features, bestProbability)) continue;
      features[bestMemberFeature] = bestMemberCosine(lone.members[0]!, order[j]!);
      const probability = joinProbability(model, features);
      if (probability > bestProbability) {
        best = j;
        bestProbability = probability;
      }
    }
    if (best < 0 || bestProbability < model.threshold) continue;
    moved[i] = 1;
    received[best] = 1;
    moves.push({ into: order[best]!.id, from: [lone.id] });
  }
  return moves;
}

/** The join probability's bounds over bestMemberCosine's range, the other features as given. */
const ceilingOverBest = (model: JoinModel, features: number[]): number => probabilityCeiling(model, features, bestMemberFeature, cosineFloor, cosineCeiling);
const floorOverBest = (model: JoinModel, features: number[]): number => probabilityFloor(model, features, bestMemberFeature, cosineFloor, cosineCeiling);

/**
 * Whether a candidate whose features but bestMemberCosine are known could be joined and beat the
 * best so far (`beat`: the greater probability needed, −1 when any will do): whether the model,
 * with that feature at its greatest, reaches the join threshold and exceeds `beat`.
 */
function couldWin(model: JoinModel, features: number[], beat: number): boolean {
  const ceiling = ceilingOverBest(model, features);
  return ceiling >= model.threshold && ceiling > beat;
}

/**
 * Whether the model's probability for two stories reaches `threshold` (the merge pass: two stories
 * are one; the split pass: a bisected story's halves stay one). Most pairs are decided whatever
 * their closest articles, whose cosine is then not computed.
 */
function pairReaches(model: JoinModel, a: StoryVectors, b: StoryVectors, threshold: number): boolean {
  const features = storyPairFeaturesBut(a, b, model.weights);
  if (ceilingOverBest(model, features) < threshold) return false;
  if (floorOverBest(model, features) >= threshold) return true;
  features[bestMemberFeature] = bestPairCosine(a, b);
  return joinProbability(model, features) >= threshold;
}

/** Oldest first, ties by id: the order of the periodic pass. */
const oldestFirst = (a: { id: string; first: number }, b: { id: string; first: number }): number => a.first - b.first || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Stories oldest first (ties by id), sorted on their first times copied out (a comparator reading the objects cost more than the sort). */
function byFirstThenId<S extends { id: string; first: number }>(stories: S[]): S[] {
  // Plain loops: Float64Array.from and Array.from with a mapping function go through the iterator
  // protocol, and cost more than the sort itself.
  const n = stories.length;
  const firsts = new Float64Array(n);
  const positions = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    firsts[i] = stories[i]!.first;
    positions[i] = i;
  }
  positions.sort((x, y) => firsts[x]! - firsts[y]! || (stories[x]!.id < stories[y]!.id ? -1 : stories[x]!.id > stories[y]!.id ? 1 : 0));
  const sorted = new Array<S>(n);
  for (let i = 0; i < n; i++) sorted[i] = stories[positions[i]!]!;
  return sorted;
}

/** A merge key's place in counts by integer: term keys at 2 × id, entity keys (−1 − id) at 2 × id + 1. */
const keySlot = (key: number): number => (key >= 0 ? key * 2 : (-1 - key) * 2 + 1);

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
  const n = members.length;
  if (splitScratch.toA.length < n) splitScratch = { toA: new Float64Array(n), toB: new Float64Array(n), side: new Uint8Array(n), next: new Uint8Array(n) };
  const { toA, toB } = splitScratch;
  let { side, next } = splitScratch;
  const leastLike = (similarities: Float64Array) => {
    let worst = 0;
    for (let i = 1; i < n; i++) if (similarities[i]! < similarities[worst]!) worst = i;
    return worst;
  };
  // Each member's dot product with a sum held in a table: a lookup per member term instead of a
  // search of the sum (or a merge with the one article it holds: the same value, see VectorTable).
  const dotsInto = (table: SumTable, out: Float64Array) => {
    for (let i = 0; i < n; i++) out[i] = table.dot(members[i]!.packedIds, members[i]!.packedWeights, 0, members[i]!.titleAt);
  };
  leftHalf.reset();
  leftHalf.add(story.centroid.ids, story.centroid.weights, 0, story.centroid.size);
  dotsInto(leftHalf, toA);
  const a = leastLike(toA);
  seedTable.fill(members[a]!.packedIds, members[a]!.packedWeights, 0, members[a]!.titleAt);
  dotsInto(seedTable, toA);
  const b = leastLike(toA);
  seedTable.fill(members[b]!.packedIds, members[b]!.packedWeights, 0, members[b]!.titleAt);
  dotsInto(seedTable, toB);
  for (let i = 0; i < n; i++) side[i] = toA[i]! >= toB[i]! ? 1 : 0;
  // Whether leftHalf and rightHalf hold the halves of `side` when the rounds end (they do when the
  // last round moved nobody): the halves' text centroids are then those sums.
  let settled = false;
  for (let round = 0; round < 6; round++) {
    // The rounds need the halves' text centroids only, summed afresh each round as a story's are
    // (SumTable: a lookup per member term); the halves' full story vectors are built after the last.
    leftHalf.reset();
    rightHalf.reset();
    let leftCount = 0;
    for (let i = 0; i < n; i++) {
      if (side[i]) {
        leftHalf.add(members[i]!.packedIds, members[i]!.packedWeights, 0, members[i]!.titleAt);
        leftCount++;
      } else rightHalf.add(members[i]!.packedIds, members[i]!.packedWeights, 0, members[i]!.titleAt);
    }
    if (leftCount === 0 || leftCount === n) return undefined;
    const leftNorm = Math.sqrt(leftHalf.squares);
    const rightNorm = Math.sqrt(rightHalf.squares);
    let moved = false;
    for (let i = 0; i < n; i++) {
      const m = members[i]!;
      next[i] = leftHalf.dot(m.packedIds, m.packedWeights, 0, m.titleAt) / leftNorm >= rightHalf.dot(m.packedIds, m.packedWeights, 0, m.titleAt) / rightNorm ? 1 : 0;
      if (next[i] !== side[i]) moved = true;
    }
    if (!moved) {
      settled = true;
      break;
    }
    [side, next] = [next, side];
  }
  let inLeft = 0;
  for (let i = 0; i < n; i++) inLeft += side[i]!;
  if (inLeft < minPart || n - inLeft < minPart) return undefined;
  const left = storyVectorsOf(members.filter((_, i) => side[i]), settled ? leftHalf : undefined);
  const right = storyVectorsOf(members.filter((_, i) => !side[i]), settled ? rightHalf : undefined);
  if (pairReaches(model, left, right, threshold)) return undefined;
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

/** The two halves' text centroids in splitChainedStory's rounds, and a seed article (reused: the pass is single-threaded). */
const leftHalf = new SumTable();
const rightHalf = new SumTable();
const seedTable = new VectorTable();
/** splitChainedStory's per-member scratch: dot products with the seeds, and each member's half before and after a round (1: the left). */
let splitScratch = { toA: new Float64Array(64), toB: new Float64Array(64), side: new Uint8Array(64), next: new Uint8Array(64) };

/** True when a candidate (cosine, opening order) ranks before another: closer first, ties to the older story. */
function closerThan(cosine: number, order: number, cosine2: number, order2: number): boolean {
  return cosine > cosine2 || (cosine === cosine2 && order < order2);
}

/** True when (w, id) ranks before (w2, id2): heavier first, ties by smaller id. */
const ranksBefore = (w: number, id: number, w2: number, id2: number): boolean => w > w2 || (w === w2 && id < id2);

/**
 * The n heaviest of `ids[from..from + count)` (weights alongside) written to `outIds`/`outWeights`, heaviest
 * first, ties by the smaller id so the order is deterministic; returns how many. Ranked by
 * insertion into a sorted list, or, when n is large and most of the ids are left out, by a heap
 * of the n best so far (its root the least of them) sorted at the end: a long text's 250
 * distinct terms inserted into a sorted list of 120 shifted some 60 entries each, where the heap
 * moves a few. The ids ranked are distinct (the order is then total, and both ways give the same
 * list). A big story's centroid is not sorted whole for its 40 index terms.
 */
export function topInto(ids: ArrayLike<number>, weights: ArrayLike<number>, n: number, count: number, outIds: Int32Array, outWeights: Float64Array, from = 0): number {
  if (n < heapFrom || 2 * count <= 3 * n) return topByInsertion(ids, weights, n, count, outIds, outWeights, from);
  let size = 0;
  for (let k = from; k < from + count; k++) {
    const id = ids[k]!;
    const w = weights[k]!;
    if (size < n) {
      // Up from the end while the parent ranks before the new one (the root is the least).
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!ranksBefore(outWeights[parent]!, outIds[parent]!, w, id)) break;
        outIds[i] = outIds[parent]!;
        outWeights[i] = outWeights[parent]!;
        i = parent;
      }
      outIds[i] = id;
      outWeights[i] = w;
    } else if (size > 0 && ranksBefore(w, id, outWeights[0]!, outIds[0]!)) siftDown(outIds, outWeights, size, id, w);
  }
  // Heapsort: the least goes to the end, so the list ends heaviest first.
  for (let last = size - 1; last > 0; last--) {
    const id = outIds[last]!;
    const w = outWeights[last]!;
    outIds[last] = outIds[0]!;
    outWeights[last] = outWeights[0]!;
    siftDown(outIds, outWeights, last, id, w);
  }
  return size;
}

/** Fewer kept than this are ranked by insertion (see topInto). */
const heapFrom = 32;

/** topInto by insertion into a sorted list. */
function topByInsertion(ids: ArrayLike<number>, weights: ArrayLike<number>, n: number, count: number, outIds: Int32Array, outWeights: Float64Array, from: number): number {
  let size = 0;
  for (let k = from; k < from + count; k++) {
    const id = ids[k]!;
    const w = weights[k]!;
    if (size === n && !ranksBefore(w, id, outWeights[n - 1]!, outIds[n - 1]!)) continue;
    let i = size === n ? n - 1 : size++;
    while (i > 0 && ranksBefore(w, id, outWeights[i - 1]!, outIds[i - 1]!)) {
      outIds[i] = outIds[i - 1]!;
      outWeights[i] = outWeights[i - 1]!;
      i--;
    }
    outIds[i] = id;
    outWeights[i] = w;
  }
  return size;
}

/** Puts (id, w) at the root of the heap `outIds[0..size)` (the least at the root) and moves it down to its place. */
function siftDown(outIds: Int32Array, outWeights: Float64Array, size: number, id: number, w: number): void {
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    // The lesser child; it moves up when the new entry ranks before it.
    if (child + 1 < size && ranksBefore(outWeights[child]!, outIds[child]!, outWeights[child + 1]!, outIds[child + 1]!)) child++;
    if (!ranksBefore(w, id, outWeights[child]!, outIds[child]!)) break;
    outIds[i] = outIds[child]!;
    outWeights[i] = outWeights[child]!;
    i = child;
  }
  outIds[i] = id;
  outWeights[i] = w;
}

/**
 * The value that would sit at index `k` if `values` were sorted ascending (no NaN); reorders
 * `values` (quickselect: every value before `k` ends ≤ it, every value after ≥ it).
 */
function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    // Median of three as the pivot, then Hoare partition.
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** `array` with `value` at `at`, grown (doubling) when it has no room. */
function pushInt(array: Int32Array, at: number, value: number): Int32Array {
  if (at >= array.length) {
    const next = new Int32Array(array.length * 2);
    next.set(array);
    array = next;
  }
  array[at] = value;
  return array;
}

/**
 * The n slots of `slots[from..to)` with the smallest orders (`orders[k]` is `slots[k]`'s, unique),
 * in `out`, smallest first (their orders in `outOrders`); returns how many.
 */
function oldestInto(slots: Int32Array, orders: Float64Array, from: number, to: number, n: number, out: Int32Array, outOrders: Float64Array): number {
  let size = 0;
  for (let k = from; k < to; k++) {
    const o = orders[k]!;
    if (size === n && o >= outOrders[n - 1]!) continue;
    let i = size === n ? n - 1 : size++;
    while (i > 0 && o < outOrders[i - 1]!) {
      out[i] = out[i - 1]!;
      outOrders[i] = outOrders[i - 1]!;
      i--;
    }
    out[i] = slots[k]!;
    outOrders[i] = o;
  }
  return size;
}

/**
 * Scratch of `topIds`, shared (it returns before anything else runs): typed arrays of more than
 * 64 bytes live outside the heap, and allocating four per re-index (one per join, mostly) cost a
 * few microseconds each time, and then collection work.
 */
let topScratchIds = new Int32Array(64);
let topScratchWeights = new Float64Array(64);

/** The n heaviest ids of a sum (see topInto). */
function topIds(sum: SparseSum, n: number): number[] {
  if (topScratchIds.length < n) {
    topScratchIds = new Int32Array(n);
    topScratchWeights = new Float64Array(n);
  }
  const count = topInto(sum.ids, sum.weights, n, sum.size, topScratchIds, topScratchWeights);
  const ids = new Array<number>(count);
  for (let i = 0; i < count; i++) ids[i] = topScratchIds[i]!;
  return ids;
}

/**
 * Fills `intoIds[from..to)` from the first `to − from` of `ids` (the entity vector): ids
 * ascending, each weighted (1 + ln count) × idf, scaled to unit length (squares summed in id
 * order). An id's count is `counts[id]`.
 */
function fillWeighted(intoIds: Int32Array, intoWeights: Float64Array, from: number, to: number, ids: Int32Array, counts: Float64Array, df: IdFrequencies): void {
  intoIds.set(ids.subarray(0, to - from), from);
  intoIds.subarray(from, to).sort();
  for (let i = from; i < to; i++) {
    const id = intoIds[i]!;
    intoWeights[i] = (1 + Math.log(counts[id]!)) * df.idf(id);
  }
  normalizeRange(intoWeights, from, to);
}

/**
 * The text or title vector from its ids: ids ascending, each with its weight from `weights` (by
 * the id's place in the article, see TermPlaces), scaled to unit length (squares summed in id
 * order): what fillWeighted computes from counts by id, from weights computed once per term.
 */
function sortedInto(intoIds: Int32Array, intoWeights: Float64Array, from: number, to: number, ids: Int32Array, places: TermPlaces, weights: Float64Array): void {
  intoIds.set(ids.subarray(0, to - from), from);
  intoIds.subarray(from, to).sort();
  for (let i = from; i < to; i++) intoWeights[i] = weights[places.placeOf(intoIds[i]!)]!;
  normalizeRange(intoWeights, from, to);
}

/** Scales `weights[from..to)` to unit length (the squares summed in order). */
function normalizeRange(weights: Float64Array, from: number, to: number): void {
  let sum = 0;
  for (let i = from; i < to; i++) sum += weights[i]! * weights[i]!;
  const length = Math.sqrt(sum);
  if (length > 0) for (let i = from; i < to; i++) weights[i]! /= length;
}

/**
 * An article's distinct term ids → their places (0, 1, 2… in order of first appearance): open
 * addressing over a table at least twice the article's terms, emptied per article.
 */
class TermPlaces {
  private keys = new Int32Array(512).fill(-1);
  private places = new Int32Array(512);
  private shift = 32 - 9;
  private readonly held: number[] = [];

  /** Empties the table, with room for `terms` ids. */
  clear(terms: number): void {
    if (2 * terms > this.keys.length) {
      let size = this.keys.length;
      while (size < 2 * terms) size *= 2;
      this.keys = new Int32Array(size).fill(-1);
      this.places = new Int32Array(size);
      // 32 − log2(size), as a multiply-shift onto `size` slots takes it.
      this.shift = Math.clz32(size) + 1;
    } else {
      const keys = this.keys;
      for (const at of this.held) keys[at] = -1;
    }
    this.held.length = 0;
  }

  /** The place of `id`, −1 when it is not in. */
  placeOf(id: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let at = Math.imul(id, 0x9e3779b1) >>> this.shift; ; at = (at + 1) & mask) {
      const key = keys[at]!;
      if (key === id) return this.places[at]!;
      if (key === -1) return -1;
    }
  }

  /** Puts `id` (not in) at `place`; returns the place. */
  add(id: number, place: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let at = Math.imul(id, 0x9e3779b1) >>> this.shift;
    while (keys[at] !== -1) at = (at + 1) & mask;
    keys[at] = id;
    this.places[at] = place;
    this.held.push(at);
    return place;
  }
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
