// The synthetic news outlets of the demo: each has its own page template, feed format and HTTP
// behaviour, so that every later stage (feeds, extraction, stories) meets the variety of the real web.

/** How an outlet publishes its list of articles. */
export type FeedFormat = 'rss2' | 'atom1' | 'rss1' | 'jsonfeed11' | 'news-sitemap';

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
    lang: 'en', charset: 'utf-8', feed: 'rss2', template: 'aggregator', behaviour: {},
  },
  {
    slug: 'ledger', name: 'The Ledger', tagline: 'Business, markets and policy for subscribers',
    lang: 'en', charset: 'utf-8', feed: 'jsonfeed11', template: 'paywall', behaviour: { delayMs: 1500 },
  },
  {
    slug: 'meridian', name: 'Meridian News', tagline: 'Independent reporting on world affairs',
    lang: 'en', charset: 'utf-8', feed: 'atom1', template: 'modern', behaviour: { robotsDisallow: '/private/' },
  },
  {
    slug: 'metro-pulse', name: 'Metro Pulse', tagline: 'Fast news for busy people',
    lang: 'en', charset: 'utf-8', feed: 'news-sitemap', template: 'adsplit', behaviour: { failEvery: 5 },
  },
  {
    slug: 'northfield', name: 'Northfield Notes', tagline: 'A small newsroom writing slowly about big things',
    lang: 'en', charset: 'utf-8', feed: 'rss1', template: 'minimal', behaviour: {},
  },
  {
    slug: 'priozerye', name: 'Вести Приозерья', tagline: 'Новости края и мира',
    lang: 'ru', charset: 'windows-1251', feed: 'rss2', template: 'regional', behaviour: {},
  },
];
