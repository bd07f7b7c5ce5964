// GET /articles/:id/:slug — one article: "Top Story" label when its story leads the front page,
// headline, standfirst, byline, date, outlet, the body (full or excerpt, per the source's display),
// the visible Source link to the outlet, more coverage of its story, related articles, topics,
// the comments section and a back-to-top link.
import type { Context, Hono } from 'hono';
import type { App } from '../../app.js';
import { articleWithSource, articleBriefs, articlesOfStories, entitiesOfArticles, type ArticleBrief } from '../../store/pages.js';
import { wasArticleRemoved } from '../../store/articles.js';
import { getStory, rankedStories } from '../../store/stories.js';
import { publishedBody } from '../article-body.js';
import { relatedFor } from '../related.js';
import { strings } from '../strings.js';
import { absoluteUrl, articlePath, isWebUrl, sourcePath, storyPath, topicPath } from '../urls.js';
import { commentsSection, type CommentFormState } from '../views/comments.js';
import { sitePage } from '../views/page.js';
import { When } from '../views/when.js';
import { raw } from 'hono/html';
import { gonePage, notFoundPage } from './errors.js';

/** Registers the article page. */
export function articleRoute(web: Hono, app: App, now: () => number): void {
  const show = async (c: Context) => {
    const id = articleId(c.req.param('id'));
    if (id === undefined) return notFoundPage(c, app);
    return renderArticlePage(c, app, now(), id);
  };
  web.get('/articles/:id', show);
  web.get('/articles/:id/:slug', show);
}

/** An article id from a URL segment, or undefined when it is not one. */
export function articleId(segment: string | undefined): number | undefined {
  if (!segment || !/^[1-9]\d{0,15}$/u.test(segment)) return undefined;
  const id = Number(segment);
  return Number.isSafeInteger(id) ? id : undefined;
}

/**
 * Renders an article's page; `form` re-shows the comment form after a failed post (status 422).
 * A request for another slug of the same id is redirected to the article's own address.
 */
export async function renderArticlePage(c: Context, app: App, now: number, id: number, form?: CommentFormState): Promise<Response> {
  const found = await articleWithSource(app.store, id);
  if (!found) return (await wasArticleRemoved(app.store, id)) ? gonePage(c, app) : notFoundPage(c, app);
  const { article, source } = found;
  const path = articlePath(article);
  if (!form && c.req.method === 'GET' && c.req.path !== path) return c.redirect(path, 301);

  const a = strings.article;
  const [story, top] = await Promise.all([
    article.story_id !== null ? getStory(app.store, article.story_id) : Promise.resolve(undefined),
    rankedStories(app.store, { limit: 1 }),
  ]);
  const isTopStory = story !== undefined && top[0]?.id === story.id;
  const storyArticles = story ? await articlesOfStories(app.store, [story.id]) : [];
  const original = article.duplicate_of !== null ? storyArticles.find((x) => x.id === article.duplicate_of) ?? (await articleBriefs(app.store, [article.duplicate_of]))[0] : undefined;
  const copies = storyArticles.filter((x) => x.duplicate_of === article.id);
  const coverage = otherCoverage(article.id, article.source_id, article.duplicate_of, storyArticles);
  const entities = await entitiesOfArticles(app.store, storyArticles.length > 0 ? storyArticles.map((x) => x.id) : [article.id], 12);
  const related = await relatedFor(app, article, storyArticles, entities.map((e) => e.id), now, new Set(coverage.map((x) => x.id)));
  const body = publishedBody(article, source.display);
  const comments = await commentsSection(c, app, article, now, form);

  const canonical = absoluteUrl(app.config.baseUrl, path);
  const published = new Date(article.published_at).toISOString();
  const modified = article.modified_at ? new Date(article.modified_at).toISOString() : undefined;
  const image = isWebUrl(article.image_url) ? article.image_url : undefined;
  const originalUrl = isWebUrl(article.url) ? article.url : undefined;
  const crumbs = [
    { name: strings.layout.navFront, path: '/' },
    ...(story ? [{ name: strings.front.fullCoverage, path: storyPath(story) }] : []),
    { name: article.title, path },
  ];
  const jsonLd = [
    {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.title.slice(0, 110),
      ...(article.lead ? { description: article.lead } : {}),
      ...(image ? { image: [image] } : {}),
      datePublished: published,
      dateModified: modified ?? published,
      author: article.byline ? [{ '@type': 'Person', name: article.byline }] : [{ '@type': 'Organization', name: source.name }],
      publisher: { '@type': 'Organization', name: app.config.siteName, url: app.config.baseUrl },
      mainEntityOfPage: canonical,
      ...(originalUrl ? { isBasedOn: originalUrl } : {}),
      ...(article.lang ? { inLanguage: article.lang } : {}),
    },
    {
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: crumbs.map((crumb, i) => ({ '@type': 'ListItem', position: i + 1, name: crumb.name, item: absoluteUrl(app.config.baseUrl, crumb.path) })),
    },
  ];

  return sitePage(c, app, {
    title: article.title,
    description: article.lead ?? (article.text.slice(0, 200) || undefined),
    meta: { path, type: 'article', image, jsonLd, noindex: source.display === 'full', published, ...(modified ? { modified } : {}) },
  }, (
    <article class="article" aria-labelledby="article-title">
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          {crumbs.map((crumb, i) => (i === crumbs.length - 1 ? <li><span aria-current="page">{shorten(crumb.name)}</span></li> : <li><a href={crumb.path}>{shorten(crumb.name)}</a></li>))}
        </ol>
      </nav>
      <header>
        {isTopStory ? <p class="label">{a.topStoryLabel}</p> : null}
        <h1 id="article-title">{article.title}</h1>
        {article.lead ? <p class="standfirst">{article.lead}</p> : null}
        {article.byline ? <p class="byline">{a.by} {article.byline}</p> : null}
        <p class="meta">
          {a.from} <a href={sourcePath(source)}>{source.name}</a> · {a.published} <When at={article.published_at} now={now} />
          {article.modified_at && article.modified_at > article.published_at ? <> · {a.modified} <When at={article.modified_at} now={now} /></> : null}
        </p>
      </header>
      {image && !body.html.includes(escapeAttribute(image)) ? <figure class="main-image"><img class="frame" src={image} alt="" width="800" height="450" decoding="async" /></figure> : null}
      {original ? <p class="note">{a.duplicateOf} <a href={articlePath(original)}>{original.title}</a> ({original.source_name}).</p> : null}
      <div class="body">{raw(body.html)}</div>
      {body.excerpt ? <p class="note">{a.excerptNote(source.name)}</p> : <p class="note">{a.republishedNote(source.name)}</p>}
      {originalUrl ? (
        <p class="source-link">
          <a href={originalUrl} rel="noopener">{a.sourceLink}</a>: {body.excerpt ? a.readAtOutlet(source.name) : source.name}
        </p>
      ) : null}
      {copies.length > 0 ? (
        <section aria-labelledby="copies-heading">
          <h2 id="copies-heading">{a.alsoPublishedAs}</h2>
          <ul class="plain-list">{copies.map((x) => <li><a href={articlePath(x)}>{x.title}</a> <span class="meta">· {x.source_name}</span></li>)}</ul>
        </section>
      ) : null}
      {story && coverage.length > 0 ? (
        <section aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">{a.moreCoverage}</h2>
          <ul class="plain-list">
            {coverage.map((x) => <li><a href={articlePath(x)}>{x.title}</a><br /><span class="meta">{x.source_name} · <When at={x.published_at} now={now} short /></span></li>)}
          </ul>
          <p><a class="more" href={storyPath(story)}>{strings.front.fullCoverage}: {strings.front.outletsCovering(story.outlet_count)}</a></p>
        </section>
      ) : null}
      <section aria-labelledby="related-heading">
        <h2 id="related-heading">{a.relatedArticles}</h2>
        {related.length === 0 ? <p class="muted">{a.noRelated}</p> : (
          <ul class="plain-list related">
            {related.map((x) => <li><a href={articlePath(x)}>{x.title}</a><br /><span class="meta">{x.source_name} · <When at={x.published_at} now={now} short /></span></li>)}
          </ul>
        )}
      </section>
      {entities.length > 0 ? (
        <section aria-labelledby="topics-heading">
          <h2 id="topics-heading">{a.topics}</h2>
          <ul class="tags">{entities.map((e) => <li><a href={topicPath(e)}>{e.name}</a></li>)}</ul>
        </section>
      ) : null}
      {comments}
      <p><a class="back-to-top" href="#top">↑ {strings.layout.backToTop}</a></p>
    </article>
  ));
}

// How a URL appears inside an attribute of sanitized HTML, to tell whether the body shows it already.
function escapeAttribute(url: string): string {
  return url.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text;
}

// Other outlets on the same story: the newest original per outlet, not this article's outlet,
// never this article, its original or its copies.
function otherCoverage(id: number, sourceId: number, duplicateOf: number | null, storyArticles: readonly ArticleBrief[]): ArticleBrief[] {
  const sameText = duplicateOf ?? id;
  const seen = new Set([sourceId]);
  const out: ArticleBrief[] = [];
  for (const x of [...storyArticles].sort((p, q) => q.published_at - p.published_at || q.id - p.id)) {
    if (x.duplicate_of !== null || x.id === sameText || seen.has(x.source_id)) continue;
    seen.add(x.source_id);
    out.push(x);
  }
  return out;
}
