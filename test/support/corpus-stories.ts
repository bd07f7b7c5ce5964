// The demo corpus stored and put into stories one article at a time, in publication order, as the
// pipeline does it: upsertArticle, then the story assigner (joins, copies, entities, the periodic
// merge/split pass) in the same write transaction.
import { loadCorpus, type CorpusArticle } from '../../demo/corpus.js';
import { createStoryAssigner } from '../../src/ingest/story-assigner.js';
import { analyzeArticle } from '../../src/stories/article.js';
import { upsertArticle, type ArticleInput } from '../../src/store/articles.js';
import type { Store } from '../../src/store/index.js';
import { addSource } from '../../src/store/sources.js';
import { blocksText } from './corpus-text.js';

/** Where the corpus went: article and outlet ids by corpus id and slug, the assigner that stored it, and a time after the last article. */
export interface CorpusStories {
  corpus: CorpusArticle[];
  ids: Map<string, number>;
  sources: Map<string, number>;
  assigner: ReturnType<typeof createStoryAssigner>;
  now: number;
}

/** The article input the pipeline would store for a corpus article (`over` changes it). */
export function corpusInput(a: CorpusArticle, sourceId: number, over: Partial<ArticleInput> = {}): ArticleInput {
  const text = blocksText(a.body);
  const url = `https://${a.outlet}.example/${a.id}`;
  return {
    sourceId, url, normalizedUrl: url, guid: a.id, contentHash: a.id, title: a.title, lead: a.lead, byline: a.byline, text, html: '',
    lang: a.outlet === 'priozerye' ? 'ru' : 'en', imageUrl: null, canonicalUrl: null, siteName: null, wordCount: text.split(/\s+/).length,
    publishedAt: Date.parse(a.published), modifiedAt: null, ...over,
  };
}

/** Stores `input` and assigns it to a story in one transaction, as the pipeline's store step does. */
export async function storeAndAssign(store: Store, assigner: CorpusStories['assigner'], input: ArticleInput, now: number): Promise<number> {
  return store.writeTransaction(async (tx) => {
    const { id, outcome } = await upsertArticle(tx, input, now);
    if (outcome !== 'unchanged') {
      const analyzed = analyzeArticle({ id: String(id), title: input.title, text: input.text, published: input.publishedAt, url: input.url, source: String(input.sourceId), lang: input.lang });
      await assigner.assign(tx, { id, analyzed }, now);
    }
    return id;
  });
}

/** Stores the whole corpus through the story assigner. */
export async function storeCorpusStories(store: Store): Promise<CorpusStories> {
  const corpus = loadCorpus();
  const last = Math.max(...corpus.map((a) => Date.parse(a.published)));
  const now = last + 3_600_000;
  const assigner = createStoryAssigner();
  const sources = new Map<string, number>();
  const ids = new Map<string, number>();
  for (const a of corpus) {
    if (!sources.has(a.outlet)) sources.set(a.outlet, (await addSource(store, { name: a.outlet, url: `https://${a.outlet}.example/feed` }, now)).id);
    ids.set(a.id, await storeAndAssign(store, assigner, corpusInput(a, sources.get(a.outlet)!), Date.parse(a.published)));
  }
  return { corpus, ids, sources, assigner, now };
}
