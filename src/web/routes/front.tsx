// GET / — the front page: ranked stories and the latest articles when there are any, and always the
// outlets the site follows with their state, so a new installation shows what is true right now.
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import { rankedStories } from '../../store/stories.js';
import { latestArticles } from '../../store/articles.js';
import { articleCountsBySource, listSources } from '../../store/sources.js';
import { Layout } from '../views/layout.js';
import { sourceHealth } from '../views/source-health.js';
import { absoluteTime, relativeTime, nextCheckWords } from '../views/time.js';

/** Registers the front page. */
export function frontRoute(web: Hono, app: App, now: () => number): void {
  web.get('/', async (c) => {
    const t = now();
    const [stories, articles, sources, counts] = await Promise.all([
      rankedStories(app.store, { limit: 20 }),
      latestArticles(app.store, { limit: 20 }),
      listSources(app.store),
      articleCountsBySource(app.store),
    ]);
    const sourceName = new Map(sources.map((s) => [s.id, s.name]));
    return c.html(
      <Layout siteName={app.config.siteName} title={app.config.siteName} description={`${app.config.siteName}: news from ${sources.length} outlets`}>
        <h1>{app.config.siteName}</h1>
        {stories.length > 0 ? (
          <section aria-labelledby="top-stories">
            <h2 id="top-stories">Top stories</h2>
            <ol class="list">
              {stories.map((s) => (
                <li>
                  <strong>{s.title}</strong>{' '}
                  <span class="muted">— {s.outlet_count} {s.outlet_count === 1 ? 'outlet' : 'outlets'}, updated {relativeTime(s.last_published_at, t)}</span>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {articles.length > 0 ? (
          <section aria-labelledby="latest">
            <h2 id="latest">Latest</h2>
            <ul class="list">
              {articles.map((a) => (
                <li>
                  <a href={a.url} rel="noopener">{a.title}</a>{' '}
                  <span class="muted">— {sourceName.get(a.source_id)}, <time datetime={new Date(a.published_at).toISOString()}>{relativeTime(a.published_at, t)}</time></span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="sources">
          <h2 id="sources">Outlets followed</h2>
          {sources.length === 0 ? (
            <p>This site follows no outlets yet. An operator adds one with <code>topstory add-source URL</code>.</p>
          ) : (
            <table>
              <caption class="muted">{sources.length} outlets; {[...counts.values()].reduce((a, b) => a + b, 0)} articles stored</caption>
              <thead><tr><th scope="col">Outlet</th><th scope="col">State</th><th scope="col">Articles</th><th scope="col">Next check</th></tr></thead>
              <tbody>
                {sources.map((s) => {
                  const health = sourceHealth(s, t);
                  return (
                    <tr>
                      <td><a href={`/sources/${s.slug}`}>{s.name}</a></td>
                      <td class={health.state === 'failing' ? 'status-bad' : health.state === 'ok' ? 'status-ok' : ''}>{health.words}</td>
                      <td>{counts.get(s.id) ?? 0}</td>
                      <td>{s.status === 'paused' ? '—' : <time datetime={new Date(s.next_check_at).toISOString()} title={absoluteTime(s.next_check_at)}>{nextCheckWords(s.next_check_at, t)}</time>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      </Layout>,
    );
  });
}
