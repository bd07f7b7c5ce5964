// GET /sources/:slug — one outlet: what it is, its health, and its latest articles.
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import { getSource } from '../../store/sources.js';
import { latestArticles } from '../../store/articles.js';
import { Layout } from '../views/layout.js';
import { sourceHealth } from '../views/source-health.js';
import { absoluteTime, nextCheckWords } from '../views/time.js';
import { notFoundPage } from './errors.js';

/** Registers the source page. */
export function sourceRoute(web: Hono, app: App, now: () => number): void {
  web.get('/sources/:slug', async (c) => {
    const source = await getSource(app.store, c.req.param('slug'));
    if (!source) return notFoundPage(c, app);
    const t = now();
    const articles = await latestArticles(app.store, { limit: 30, sourceId: source.id });
    const health = sourceHealth(source, t);
    return c.html(
      <Layout siteName={app.config.siteName} title={source.name} description={`Latest articles from ${source.name}`}>
        <h1>{source.name}</h1>
        <dl>
          <dt>Feed</dt><dd><a href={source.url} rel="nofollow noopener">{source.url}</a></dd>
          {source.site_url ? (<><dt>Website</dt><dd><a href={source.site_url} rel="noopener">{source.site_url}</a></dd></>) : null}
          <dt>State</dt><dd class={health.state === 'failing' ? 'status-bad' : ''}>{health.words}</dd>
          <dt>Next check</dt><dd>{source.status === 'paused' ? '—' : `${nextCheckWords(source.next_check_at, t)} (${absoluteTime(source.next_check_at)})`}</dd>
          <dt>Shown as</dt><dd>{source.display === 'full' ? 'full text with a link to the original' : 'excerpt with a link to the original'}</dd>
        </dl>
        <h2>Latest articles</h2>
        {articles.length === 0 ? (
          <p>No articles from {source.name} have been stored yet.</p>
        ) : (
          <ul class="list">
            {articles.map((a) => (
              <li><a href={a.url} rel="noopener">{a.title}</a> <span class="muted">— <time datetime={new Date(a.published_at).toISOString()}>{absoluteTime(a.published_at)}</time></span></li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
