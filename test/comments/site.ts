// What the comment tests share: an app on a test database with a clock the test moves, an article
// to comment on, the site with the comment routes, and a reader who posts through the real form
// (fetches the page, reads the form token from it, keeps cookies like a browser).
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Hono } from 'hono';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/store/index.js';
import { addSource } from '../../src/store/sources.js';
import { upsertArticle } from '../../src/store/articles.js';
import { createWeb } from '../../src/web/server.js';
import { commentRoutes } from '../../src/web/routes/comments.js';
import { articlePath } from '../../src/web/urls.js';

/** The time the tests start at. */
export const T0 = Date.UTC(2026, 2, 4, 12, 0, 0);

/** A clock the test moves by hand. */
export class Clock {
  t = T0;
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** An app over `store` with settings from `env`; its log lines are kept in `logs`. */
export function testApp(store: Store, env: Record<string, string> = {}): App & { logs: string[] } {
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
  return {
    config: loadConfig({ TOPSTORY_SITE_NAME: 'Harbour Daily Digest', TOPSTORY_BASE_URL: 'http://news.test', ...env }),
    store, log: pino({ level: 'debug' }, sink), secret: 'test-secret-'.repeat(4), close: async () => {}, logs,
  };
}

/** An article to comment on; returns its id and page path. */
export async function seedArticle(store: Store, title = 'Harbour ferry returns after storm', url = 'https://coast.example/a/ferry'): Promise<{ id: number; path: string; title: string }> {
  const source = await addSource(store, { name: 'Coast News', url: `https://coast.example/feed/${encodeURIComponent(title)}` }, T0 - 86_400_000);
  const { id } = await upsertArticle(store, {
    sourceId: source.id, url, normalizedUrl: url, guid: url, contentHash: title, title, lead: 'The ferry runs again.', byline: 'Sam Reporter',
    text: 'The ferry runs again.\nPassengers cheered.', html: '<p>The ferry runs again.</p><p>Passengers cheered.</p>', lang: 'en', imageUrl: null,
    canonicalUrl: null, siteName: null, wordCount: 6, publishedAt: T0 - 3_600_000, modifiedAt: null,
  }, T0 - 3_600_000);
  return { id, path: articlePath({ id, title }), title };
}

/** The site as readers get it, with the comment routes (registered here if the site does not yet). */
export function commentSite(app: App, clock: Clock, options: { cache?: boolean } = {}): Hono {
  const web = createWeb(app, clock.now, options.cache ? {} : { cache: false });
  if (!web.routes.some((r) => r.method === 'POST' && r.path === '/articles/:id/comments')) commentRoutes(web, app, clock.now);
  return web;
}

/** A browser-like reader: keeps cookies, comes from one address. */
export class Reader {
  readonly cookies = new Map<string, string>();
  /** Every answer this reader got, for the privacy scans. */
  readonly answers: Array<{ method: string; path: string; status: number; headers: Headers; body: string }> = [];

  constructor(private readonly web: Hono, readonly ip = '203.0.113.7') {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, init: { body?: string | FormData | undefined; headers?: Record<string, string> } = {}): Promise<Response & { text: string }> {
    const headers: Record<string, string> = { ...(this.cookies.size > 0 ? { cookie: this.cookieHeader() } : {}), ...init.headers };
    const res = await this.web.request(path, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) }, { incoming: { socket: { remoteAddress: this.ip } } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    this.answers.push({ method, path, status: res.status, headers: res.headers, body: text });
    return Object.assign(res, { text });
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, { headers });
  }

  /** The form token of an article page as this reader sees it. */
  async token(path: string): Promise<string> {
    const page = await this.get(path);
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error(`no form token on ${path} (status ${page.status})`);
    return token;
  }

  /** Posts the comment form of an article with these fields (form-encoded, as a browser sends it). */
  post(articleId: number, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request('POST', `/articles/${articleId}/comments`, {
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }
}

/** Fields of a valid comment. */
export function commentFields(overrides: Record<string, string> = {}): Record<string, string> {
  return { comment: 'The ferry timetable changed again; thank you for the clear report.', author: 'Ada Lovelace', email: 'ada.private@example.org', url: '', parent: '0', ...overrides };
}

/** The id a 303 after posting points at (`…#comment-N`). */
export function postedId(res: Response): number {
  const m = /#comment-(\d+)$/.exec(res.headers.get('location') ?? '');
  if (!m) throw new Error(`not a posted-comment redirect: ${res.status} ${res.headers.get('location')}`);
  return Number(m[1]);
}
