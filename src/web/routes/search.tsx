// GET /search?q=&source=&from=&to=&page= — full-text search over every stored article, best matches
// first, with highlighted snippets, filters by outlet and date, and pagination. An empty query shows
// the form; a malformed one (no words, a date that is not a date, an unknown outlet, a bad page)
// answers 400 with the form and what to change. Search pages are never indexed.
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import { MATCH_END, MATCH_START, searchArticles, searchTerms } from '../../store/articles.js';
import { listSources } from '../../store/sources.js';
import type { SourceRow } from '../../store/schema.js';
import { strings } from '../strings.js';
import { articlePath, searchPath } from '../urls.js';
import { sitePage } from '../views/page.js';
import { Pager } from '../views/story-list.js';
import { When } from '../views/when.js';
import { pageNumber } from './front.js';

const PER_PAGE = 20;
const MAX_QUERY = 200;
const DAY = 86_400_000;

/** A search snippet as text and <mark>ed matches (the text is escaped by JSX like any other). */
export function Snippet(props: { text: string }) {
  const parts = props.text.split(new RegExp(`(${MATCH_START}[^${MATCH_END}]*${MATCH_END})`, 'u'));
  return <>{parts.map((part) => (part.startsWith(MATCH_START) ? <mark>{part.slice(1, -1)}</mark> : part.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '')))}</>;
}

// A YYYY-MM-DD date as the UTC midnight it starts, or null when it is not a real date.
function parseDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().startsWith(value) ? t : null;
}

/** Registers the search page. */
export function searchRoute(web: Hono, app: App, now: () => number): void {
  web.get('/search', async (c) => {
    const s = strings.search;
    const q = (c.req.query('q') ?? '').trim().slice(0, MAX_QUERY);
    const sourceSlug = c.req.query('source') ?? '';
    const fromText = c.req.query('from') ?? '';
    const toText = c.req.query('to') ?? '';
    const sources = await listSources(app.store);
    const problems: string[] = [];
    const page = pageNumber(c.req.query('page'));
    if (page === undefined) problems.push('The page number must be a whole number from 1.');
    const from = fromText ? parseDay(fromText) : undefined;
    if (from === null) problems.push(s.badDate(s.from));
    const to = toText ? parseDay(toText) : undefined;
    if (to === null) problems.push(s.badDate(s.to));
    const source: SourceRow | undefined = sourceSlug ? sources.find((x) => x.slug === sourceSlug) : undefined;
    if (sourceSlug && !source) problems.push(s.badSource);
    if (q !== '' && searchTerms(q).length === 0) problems.push(s.noWords);

    const t = now();
    const searching = q !== '' && problems.length === 0;
    const result = searching
      ? await searchArticles(app.store, q, {
        limit: PER_PAGE, offset: ((page ?? 1) - 1) * PER_PAGE,
        ...(source ? { sourceId: source.id } : {}),
        ...(typeof from === 'number' ? { since: from } : {}),
        ...(typeof to === 'number' ? { until: to + DAY } : {}),
      })
      : { total: 0, hits: [] };
    const sourceName = new Map(sources.map((x) => [x.id, x.name]));
    const params = { source: sourceSlug || undefined, from: fromText || undefined, to: toText || undefined };
    const current = page ?? 1;
    const title = q ? s.resultsTitle(q) : s.title;
    return sitePage(c, app, { title, description: s.empty, meta: { path: q ? searchPath(q, params) : '/search', noindex: true }, query: q }, (
      <>
        <h1>{title}</h1>
        <form class="search-form" action="/search" method="get" role="search" aria-label={s.title}>
          <div class="wide">
            <label for="q">{s.label}</label>
            <input id="q" type="search" name="q" value={q} />
          </div>
          <div>
            <label for="source">{s.source}</label>
            <select id="source" name="source">
              <option value="">{s.anySource}</option>
              {sources.map((x) => <option value={x.slug} selected={x.slug === sourceSlug}>{x.name}</option>)}
            </select>
          </div>
          <div>
            <label for="from">{s.from}</label>
            <input id="from" type="date" name="from" value={fromText} />
          </div>
          <div>
            <label for="to">{s.to}</label>
            <input id="to" type="date" name="to" value={toText} />
          </div>
          <div><button type="submit">{s.submit}</button></div>
        </form>
        {problems.length > 0 ? <div class="notice" role="alert">{problems.map((p) => <p>{p}</p>)}</div> : null}
        {q === '' && problems.length === 0 ? <p>{s.empty}</p> : null}
        {searching && result.total === 0 ? <p role="status">{s.noResults(q)}</p> : null}
        {searching && result.total > 0 ? (
          <>
            <p role="status">{s.results(result.total, q)}</p>
            <ol class="plain-list hits" start={(current - 1) * PER_PAGE + 1}>
              {result.hits.map((hit) => (
                <li>
                  <a class="headline-link" href={articlePath(hit)}><strong>{hit.title}</strong></a>
                  <p><Snippet text={hit.snippet} /></p>
                  <p class="meta">{sourceName.get(hit.sourceId)} · <When at={hit.publishedAt} now={t} short /></p>
                </li>
              ))}
            </ol>
            <Pager
              previous={current > 1 ? searchPath(q, { ...params, page: current > 2 ? current - 1 : undefined }) : undefined}
              next={current * PER_PAGE < result.total ? searchPath(q, { ...params, page: current + 1 }) : undefined}
              previousLabel={s.previous}
              nextLabel={s.next}
            />
          </>
        ) : null}
      </>
    ), problems.length > 0 ? 400 : 200);
  });
}
