// GET …/feed.xml, …/atom.xml, …/feed.json — the feeds out (DESIGN.md "HTTP"): the front page's
// latest articles, the top stories, and each story, topic and source, in RSS 2.0, Atom 1.0 and JSON
// Feed 1.1. Every page kind loads its entries once; the three formats render the same document.
import type { Context, Hono } from 'hono';
import type { App } from '../../app.js';
import { articlesOfStories } from '../../store/pages.js';
import { feedArticles, feedArticlesById, topicArticles } from '../../store/feed-items.js';
import { listSources, getSource } from '../../store/sources.js';
import { getEntityBySlug, getStory, rankedStories } from '../../store/stories.js';
import {
  FEED_ITEM_LIMIT, articleEntry, commonLanguage, feedUpdated, renderAtom, renderJsonFeed, renderRss, tagUri,
  type FeedDocument, type FeedEntry,
} from '../feeds-out.js';
import { strings } from '../strings.js';
import { absoluteUrl, feedPaths, sourcePath, storyPath, topicPath } from '../urls.js';
import { withLeads } from '../views/story-list.js';

type FeedFormat = 'rss' | 'atom' | 'json';

// Each format: how it is rendered and the media type it is served as (RFC 4287 §7, JSON Feed 1.1).
const FORMATS: Record<FeedFormat, { contentType: string; render: (feed: FeedDocument) => string }> = {
  atom: { contentType: 'application/atom+xml; charset=utf-8', render: renderAtom },
  json: { contentType: 'application/feed+json; charset=utf-8', render: renderJsonFeed },
  rss: { contentType: 'application/rss+xml; charset=utf-8', render: renderRss },
};

/** Feed readers poll; five minutes of freshness spares the database without hiding news for long. */
const CACHE_CONTROL = 'public, max-age=300';

/** What a page kind's loader finds: the feed's words and pages, and its entries; undefined is 404. */
interface LoadedFeed {
  title: string;
  description: string;
  /** Path of the page the feed follows. */
  pagePath: string;
  /** Path the feed files hang from ('' for the front page). */
  feedBase: string;
  language?: string | null;
  entries: FeedEntry[];
}

type FeedLoader = (app: App, c: Context) => Promise<LoadedFeed | undefined>;

const titled = (app: App, what: string) => `${what} — ${app.config.siteName}`;

async function frontFeed(app: App): Promise<LoadedFeed> {
  const [articles, sources] = await Promise.all([
    feedArticles(app.store, { limit: FEED_ITEM_LIMIT, originalsOnly: true }),
    listSources(app.store),
  ]);
  return {
    title: app.config.siteName,
    description: strings.front.description(app.config.siteName, sources.length),
    pagePath: '/',
    feedBase: '',
    entries: articles.map((a) => articleEntry(app.config.baseUrl, a)),
  };
}

// One entry per ranked story: its lead article (the one the front page shows), linking to the story.
async function topStoriesFeed(app: App): Promise<LoadedFeed> {
  const stories = await rankedStories(app.store, { limit: FEED_ITEM_LIMIT });
  const leads = withLeads(stories, await articlesOfStories(app.store, stories.map((s) => s.id)));
  const bodies = new Map((await feedArticlesById(app.store, leads.map((l) => l.lead.id))).map((a) => [a.id, a]));
  const entries = leads.flatMap(({ story, lead }) => {
    const article = bodies.get(lead.id);
    if (!article) return [];
    return [articleEntry(app.config.baseUrl, article, { id: tagUri(app.config.baseUrl, story.created_at, `stories/${story.id}`), path: storyPath(story) })];
  });
  return {
    title: titled(app, strings.front.topStories),
    description: strings.front.description(app.config.siteName, (await listSources(app.store)).length),
    pagePath: '/',
    feedBase: '/top',
    entries,
  };
}

async function storyFeed(app: App, c: Context): Promise<LoadedFeed | undefined> {
  const id = c.req.param('id') ?? '';
  if (!/^\d{1,15}$/u.test(id)) return undefined;
  const story = await getStory(app.store, Number(id));
  if (!story) return undefined;
  const articles = await feedArticles(app.store, { limit: FEED_ITEM_LIMIT, storyId: story.id, originalsOnly: true });
  return {
    title: titled(app, story.title),
    description: strings.story.coverage(story.article_count, story.outlet_count),
    pagePath: storyPath(story),
    feedBase: storyPath(story),
    language: story.lang,
    entries: articles.map((a) => articleEntry(app.config.baseUrl, a)),
  };
}

async function topicFeed(app: App, c: Context): Promise<LoadedFeed | undefined> {
  const entity = await getEntityBySlug(app.store, c.req.param('slug') ?? '');
  if (!entity) return undefined;
  const articles = await topicArticles(app.store, entity.id, FEED_ITEM_LIMIT);
  return {
    title: titled(app, entity.name),
    description: strings.topic.description(entity.name),
    pagePath: topicPath(entity),
    feedBase: topicPath(entity),
    entries: articles.map((a) => articleEntry(app.config.baseUrl, a)),
  };
}

async function sourceFeed(app: App, c: Context): Promise<LoadedFeed | undefined> {
  const source = await getSource(app.store, c.req.param('slug') ?? '');
  if (!source) return undefined;
  const articles = await feedArticles(app.store, { limit: FEED_ITEM_LIMIT, sourceId: source.id });
  return {
    title: titled(app, source.name),
    description: strings.source.description(source.name),
    pagePath: sourcePath(source),
    feedBase: sourcePath(source),
    entries: articles.map((a) => articleEntry(app.config.baseUrl, a)),
  };
}

// Route pattern of each page the site has feeds for → its loader. Sorted by pattern.
const FEED_PAGES: ReadonlyArray<[pattern: string, load: FeedLoader]> = [
  ['', frontFeed],
  ['/sources/:slug', sourceFeed],
  ['/stories/:id', storyFeed],
  ['/top', topStoriesFeed],
  ['/topics/:slug', topicFeed],
];

function feedDocument(app: App, loaded: LoadedFeed, now: number): FeedDocument {
  const base = app.config.baseUrl;
  const paths = feedPaths(loaded.feedBase);
  return {
    title: loaded.title,
    description: loaded.description,
    pageUrl: absoluteUrl(base, loaded.pagePath),
    feedUrls: { rss: absoluteUrl(base, paths.rss), atom: absoluteUrl(base, paths.atom), json: absoluteUrl(base, paths.json) },
    language: loaded.language ?? commonLanguage(loaded.entries),
    updated: feedUpdated(loaded.entries, now),
    siteName: app.config.siteName,
    entries: loaded.entries,
  };
}

/** Registers the feeds out of the front page, top stories, stories, topics and sources; `now` dates an empty feed. */
export function feedRoutes(web: Hono, app: App, now: () => number): void {
  for (const [pattern, load] of FEED_PAGES) {
    const paths = feedPaths(pattern);
    for (const format of Object.keys(FORMATS) as FeedFormat[]) {
      web.get(paths[format], async (c) => {
        const loaded = await load(app, c);
        if (!loaded) return c.text(strings.errors.notFound, 404);
        const { contentType, render } = FORMATS[format];
        return c.body(render(feedDocument(app, loaded, now())), 200, { 'Content-Type': contentType, 'Cache-Control': CACHE_CONTROL });
      });
    }
  }
}
