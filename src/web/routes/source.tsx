// GET /sources/:slug — one outlet: what it is, its health, and its articles (newest first, paged).
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import { getSource } from '../../store/sources.js';
import { countArticlesOfSource, latestArticleBriefs } from '../../store/pages.js';
import { approvedCommentCounts } from '../../store/comments.js';
import { strings } from '../strings.js';
import { isWebUrl, sourcePath } from '../urls.js';
import { sitePage } from '../views/page.js';
import { sourceHealth } from '../views/source-health.js';
import { ArticleItem, Pager } from '../views/story-list.js';
import { absoluteTime, nextCheckWords } from '../views/time.js';
import { badRequestPage, notFoundPage } from './errors.js';
import { pageNumber } from './front.js';

const PER_PAGE = 30;

/** Registers the source page. */
export function sourceRoute(web: Hono, app: App, now: () => number): void {
  web.get('/sources/:slug', async (c) => {
    const s = strings.source;
    const source = await getSource(app.store, c.req.param('slug'));
    if (!source) return notFoundPage(c, app);
    const page = pageNumber(c.req.query('page'));
    if (page === undefined) return badRequestPage(c, app, 'The page number must be a whole number from 1.');
    const t = now();
    const [articles, total] = await Promise.all([
      latestArticleBriefs(app.store, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE, sourceId: source.id }),
      countArticlesOfSource(app.store, source.id),
    ]);
    if (page > 1 && articles.length === 0) return notFoundPage(c, app);
    const health = sourceHealth(source, t);
    const comments = await approvedCommentCounts(app.store, articles.map((a) => a.id));
    const path = sourcePath(source);
    return sitePage(c, app, {
      title: page > 1 ? `${source.name} — page ${page}` : source.name,
      description: s.description(source.name),
      meta: { path: page > 1 ? `${path}?page=${page}` : path, feedBase: path, feedTitle: `${app.config.siteName}: ${source.name}` },
    }, (
      <>
        <h1>{source.name}</h1>
        <dl class="facts">
          <dt>{s.feed}</dt><dd>{isWebUrl(source.url) ? <a href={source.url} rel="nofollow noopener">{source.url}</a> : source.url}</dd>
          {isWebUrl(source.site_url) ? (<><dt>{s.website}</dt><dd><a href={source.site_url} rel="noopener">{source.site_url}</a></dd></>) : null}
          <dt>{s.state}</dt><dd class={health.state === 'failing' ? 'status-bad' : ''}>{health.words}</dd>
          <dt>{s.nextCheck}</dt><dd>{source.status === 'paused' ? '—' : `${nextCheckWords(source.next_check_at, t)} (${absoluteTime(source.next_check_at)})`}</dd>
          <dt>{s.shownAs}</dt><dd>{source.display === 'full' ? s.full : s.excerpt}</dd>
        </dl>
        <h2>{s.latest}</h2>
        {articles.length === 0 ? <p>{s.none(source.name)}</p> : <ul class="plain-list">{articles.map((a) => <ArticleItem article={a} now={t} showSource={false} comments={comments.get(a.id)} />)}</ul>}
        <Pager
          previous={page > 1 ? (page === 2 ? path : `${path}?page=${page - 1}`) : undefined}
          next={page * PER_PAGE < total ? `${path}?page=${page + 1}` : undefined}
          previousLabel={strings.front.newerPage}
          nextLabel={strings.front.olderPage}
        />
      </>
    ));
  });
}
