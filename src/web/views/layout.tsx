// The page frame every page shares: the head with search-engine and sharing tags (title, description,
// canonical, OpenGraph, Twitter, JSON-LD, feeds), the skip link, header with navigation and search,
// the main landmark, and the footer with the back-to-top link.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { siteCss } from '../assets/site-css.js';
import { commentsCss } from './comments.js';
import { SITE_ICON_PATH, SITE_JS_PATH } from '../assets/site-js.js';
import { strings } from '../strings.js';
import { absoluteUrl, feedPaths, isWebUrl } from '../urls.js';

/** What a page tells search engines and sharing previews about itself. */
export interface PageMeta {
  /** The page's own path (its canonical URL is built from TOPSTORY_BASE_URL). */
  path: string;
  /** OpenGraph type: 'website' or 'article'. */
  type?: 'website' | 'article';
  image?: string | null;
  /** JSON-LD objects, each written as its own script element. */
  jsonLd?: object[];
  /** true keeps the page out of search indexes (republished full text, search results). */
  noindex?: boolean;
  /** Base path of the page's feeds ('' for the site's); omitted → the site's feeds. */
  feedBase?: string;
  feedTitle?: string;
  /** ISO times for article:published_time / modified_time. */
  published?: string;
  modified?: string;
}

/** Props of the page frame. */
export interface LayoutProps {
  siteName: string;
  baseUrl: string;
  title: string;
  description?: string | undefined;
  meta: PageMeta;
  /** The search box's current words. */
  query?: string;
  children?: Child;
}

// One stylesheet for every page: the site's and the comments section's.
const pageCss = siteCss + commentsCss;

/** JSON for a script element: `<` escaped so no string in it can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</gu, '\\u003c').replace(/\u2028/gu, '\\u2028').replace(/\u2029/gu, '\\u2029');
}

/** Wraps page content in the site's HTML document. */
export function Layout(props: LayoutProps) {
  const s = strings.layout;
  const fullTitle = props.title === props.siteName ? props.siteName : `${props.title} — ${props.siteName}`;
  const canonical = absoluteUrl(props.baseUrl, props.meta.path);
  const feeds = feedPaths(props.meta.feedBase ?? '');
  const feedTitle = props.meta.feedTitle ?? props.siteName;
  const image = isWebUrl(props.meta.image) ? props.meta.image : undefined;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{fullTitle}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="canonical" href={canonical} />
        {props.meta.noindex ? <meta name="robots" content="noindex, follow" /> : null}
        <meta property="og:site_name" content={props.siteName} />
        <meta property="og:type" content={props.meta.type ?? 'website'} />
        <meta property="og:title" content={props.title} />
        <meta property="og:url" content={canonical} />
        {props.description ? <meta property="og:description" content={props.description} /> : null}
        {image ? <meta property="og:image" content={image} /> : null}
        {props.meta.published ? <meta property="article:published_time" content={props.meta.published} /> : null}
        {props.meta.modified ? <meta property="article:modified_time" content={props.meta.modified} /> : null}
        <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={props.title} />
        {props.description ? <meta name="twitter:description" content={props.description} /> : null}
        {image ? <meta name="twitter:image" content={image} /> : null}
        <link rel="alternate" type="application/rss+xml" title={`${feedTitle} (RSS)`} href={feeds.rss} />
        <link rel="alternate" type="application/atom+xml" title={`${feedTitle} (Atom)`} href={feeds.atom} />
        <link rel="alternate" type="application/feed+json" title={`${feedTitle} (JSON Feed)`} href={feeds.json} />
        <link rel="icon" type="image/svg+xml" href={SITE_ICON_PATH} />
        <style>{raw(pageCss)}</style>
        {(props.meta.jsonLd ?? []).map((data) => <script type="application/ld+json">{raw(jsonForScript(data))}</script>)}
        <script src={SITE_JS_PATH} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">{s.skipLink}</a>
        <header class="site-header" id="top" tabindex={-1}>
          <div class="wrap header-row">
            <a class="site-name" href="/">{props.siteName}</a>
            <nav aria-label={s.primaryNav}>
              <ul class="nav">
                <li><a href="/">{s.navFront}</a></li>
                <li><a href="/sources">{s.navSources}</a></li>
              </ul>
            </nav>
            <form class="search-box" role="search" action="/search" method="get">
              <label for="site-search" class="visually-hidden">{s.searchLabel}</label>
              <input id="site-search" type="search" name="q" value={props.query ?? ''} autocomplete="off" />
              <button type="submit">{s.searchButton}</button>
            </form>
          </div>
        </header>
        <main id="main" tabindex={-1} class="wrap">{props.children}</main>
        <footer class="site-footer">
          <div class="wrap footer-row">
            <p>{s.poweredBy(props.siteName)}</p>
            <p>
              {s.feedsLabel}: <a href={feeds.rss}>RSS</a> · <a href={feeds.atom}>Atom</a> · <a href={feeds.json}>JSON Feed</a>
            </p>
            <p><a class="back-to-top" href="#top">{s.backToTop}</a></p>
          </div>
        </footer>
      </body>
    </html>
  );
}
