// The synthetic news outlets of the demo: each has its own page template, feed format and HTTP
// behaviour, so that every later stage (feeds, extraction, stories) meets the variety of the real web.

/** How an outlet publishes its list of articles. */
export type FeedFormat = 'rss2' | 'atom1' | 'rss1' | 'jsonfeed11' | 'news-sitemap';

/**
 * How an outlet spells its article URLs (demo/permalinks.ts draws them from the corpus time, so a
 * path never changes with the demo's time shift or with a later headline):
 * - `dated-slug`: WordPress, `/2026/03/02/slug/`
 * - `content-uuid`: `/content/8c1f…` (a UUID-shaped hash of the id, no words in the URL)
 * - `section-slug`: `/world/slug`
 * - `numbered-html`: `/news/slug-123456.html`
 * - `month-slug-html`: Blogger, `/2026/03/slug.html`
 * - `number-slug-html`: DataLife Engine, `/news/123456-slug.html`
 */
export type PermalinkStyle =
  | 'content-uuid' | 'dated-slug' | 'month-slug-html' | 'number-slug-html' | 'numbered-html' | 'section-slug';

/** The page template an outlet renders articles with (demo/templates/). */
export type TemplateName = 'aggregator' | 'modern' | 'minimal' | 'paywall' | 'adsplit' | 'regional';

/** One synthetic outlet. */
export interface Outlet {
  slug: string;
  name: string;
  /** Short description shown in its feed and home page. */
  tagline: string;
  lang: string;
  /** Character encoding of its pages and feed (the demo server encodes with it). */
  charset: 'utf-8' | 'windows-1251';
  feed: FeedFormat;
  template: TemplateName;
  /** Path of its feed (or news sitemap) on its server. */
  feedPath: string;
  /** How its article URLs look. */
  permalink: PermalinkStyle;
  /** Extra behaviour of its server. */
  behaviour: {
    /** Milliseconds every response is delayed by. */
    delayMs?: number;
    /** One request in N answers 500 (deterministic counter, not random). */
    failEvery?: number;
    /** A path prefix robots.txt disallows for every user agent. */
    robotsDisallow?: string;
  };
}

/** The demo outlets, sorted by slug. */
export const outlets: Outlet[] = [
  {
    slug: 'daily-harbor', name: 'The Daily Harbor', tagline: 'News from around the world, gathered daily',
    lang: 'en', charset: 'utf-8', feed: 'rss2', template: 'aggregator',
    feedPath: '/feed/', permalink: 'dated-slug', behaviour: {},
  },
  {
    slug: 'ledger', name: 'The Ledger', tagline: 'Business, markets and policy for subscribers',
    lang: 'en', charset: 'utf-8', feed: 'jsonfeed11', template: 'paywall',
    feedPath: '/feed.json', permalink: 'content-uuid', behaviour: { delayMs: 1500 },
  },
  {
    slug: 'meridian', name: 'Meridian News', tagline: 'Independent reporting on world affairs',
    lang: 'en', charset: 'utf-8', feed: 'atom1', template: 'modern',
    feedPath: '/atom.xml', permalink: 'section-slug', behaviour: { robotsDisallow: '/private/' },
  },
  {
    slug: 'metro-pulse', name: 'Metro Pulse', tagline: 'Fast news for busy people',
    lang: 'en', charset: 'utf-8', feed: 'news-sitemap', template: 'adsplit',
    feedPath: '/news-sitemap.xml', permalink: 'numbered-html', behaviour: { failEvery: 5 },
  },
  {
    slug: 'northfield', name: 'Northfield Notes', tagline: 'A small newsroom writing slowly about big things',
    lang: 'en', charset: 'utf-8', feed: 'rss1', template: 'minimal',
    feedPath: '/index.rdf', permalink: 'month-slug-html', behaviour: {},
  },
  {
    slug: 'priozerye', name: 'Вести Приозерья', tagline: 'Новости края и мира',
    lang: 'ru', charset: 'windows-1251', feed: 'rss2', template: 'regional',
    feedPath: '/rss.xml', permalink: 'number-slug-html', behaviour: {},
  },
];
