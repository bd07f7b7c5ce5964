// The site's URLs in one place, so pages, feeds out, sitemaps and JSON-LD link the same way
// (DESIGN.md "HTTP"). Paths are relative to the site; `absoluteUrl` adds TOPSTORY_BASE_URL.
import { slugify } from '../text/slug.js';

/** Path of an article page: /articles/:id/:slug (the slug is decoration; the id decides). */
export function articlePath(article: { id: number; title: string }): string {
  const slug = slugify(article.title).slice(0, 80).replace(/-+$/u, '');
  return `/articles/${article.id}/${slug || 'article'}`;
}

/** Path of a story's full-coverage page. */
export function storyPath(story: { id: number }): string {
  return `/stories/${story.id}`;
}

/** Path of a topic (entity) page. */
export function topicPath(entity: { slug: string }): string {
  return `/topics/${encodeURIComponent(entity.slug)}`;
}

/** Path of a source (outlet) page. */
export function sourcePath(source: { slug: string }): string {
  return `/sources/${encodeURIComponent(source.slug)}`;
}

/** Path of a search results page. */
export function searchPath(query: string, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams({ q: query });
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  return `/search?${search.toString()}`;
}

/** The feed paths of a page (front page when `base` is ''), as DESIGN.md names them. */
export function feedPaths(base = ''): { rss: string; atom: string; json: string } {
  return { rss: `${base}/feed.xml`, atom: `${base}/atom.xml`, json: `${base}/feed.json` };
}

/** An absolute URL for a site path. */
export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/u, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** True for an http(s) URL: the only links to other sites a page or feed may hold. */
export function isWebUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const p = new URL(url).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}
