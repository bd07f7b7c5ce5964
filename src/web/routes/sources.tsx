// GET /sources — the outlets this site follows, each with its state in words, articles stored and
// next check, so a reader (and the operator) sees what is true right now.
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import { articleCountsBySource, listSources } from '../../store/sources.js';
import { strings } from '../strings.js';
import { sourcePath } from '../urls.js';
import { sitePage } from '../views/page.js';
import { sourceHealth } from '../views/source-health.js';
import { absoluteTime, nextCheckWords } from '../views/time.js';

/** Registers the outlets page. */
export function sourcesRoute(web: Hono, app: App, now: () => number): void {
  web.get('/sources', async (c) => {
    const s = strings.source;
    const t = now();
    const [sources, counts] = await Promise.all([listSources(app.store), articleCountsBySource(app.store)]);
    const stored = [...counts.values()].reduce((a, b) => a + b, 0);
    return sitePage(c, app, { title: s.listTitle, description: s.listIntro(sources.length, stored), meta: { path: '/sources' } }, (
      <>
        <h1>{s.listTitle}</h1>
        {sources.length === 0 ? (
          <p>{s.noneFollowed} <code>topstory add-source URL</code>.</p>
        ) : (
          <table>
            <caption>{s.listIntro(sources.length, stored)}</caption>
            <thead><tr><th scope="col">{s.columns.outlet}</th><th scope="col">{s.columns.state}</th><th scope="col">{s.columns.articles}</th><th scope="col">{s.columns.next}</th></tr></thead>
            <tbody>
              {sources.map((source) => {
                const health = sourceHealth(source, t);
                return (
                  <tr>
                    <td><a href={sourcePath(source)}>{source.name}</a></td>
                    <td class={health.state === 'failing' ? 'status-bad' : health.state === 'ok' ? 'status-ok' : ''}>{health.words}</td>
                    <td>{counts.get(source.id) ?? 0}</td>
                    <td>{source.status === 'paused' ? '—' : <time datetime={new Date(source.next_check_at).toISOString()} title={absoluteTime(source.next_check_at)}>{nextCheckWords(source.next_check_at, t)}</time>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </>
    ));
  });
}
