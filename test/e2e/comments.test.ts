// Reader comments in real Chromium against a real server (listen on 127.0.0.1, port 0) over a
// seeded SQLite file (issue #8 "Must show"): post and see "awaiting moderation", approve, see it; a
// validation error keeps the input; a reply nests; saved details refill; all with JavaScript off
// too. Then every hostile payload of ../shared/data/security, posted as a comment (and as the
// commenter's name) and approved, renders without running any script, with the site's CSP removed
// so that only the rendering itself stands between a payload and the browser.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import { launchBrowser } from '../support/browser.js';
import { openStore, type Store } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import { moderateComment } from '../../src/store/comments.js';
import { listen } from '../../src/web/server.js';
import { commentsCss } from '../../src/web/views/comments.js';
import { Clock, commentSite, seedArticle, testApp } from '../comments/site.js';
import { loadPayloadFiles } from './payloads.js';

// Form tokens must be 3 s old: the server's clock is moved on by hand before each submission, so
// the test never sleeps.
const clock = new Clock();
clock.t = Date.now();
const wait = () => clock.advance(5_000);

const email = (mode: string) => `reader.${mode.replace(/\W+/g, '-').toLowerCase()}@example.org`;

describe('comments in Chromium', () => {
  let dir: string;
  let store: Store;
  let server: ServerType;
  let site: string;
  let browser: Browser;
  let article: { id: number; path: string; title: string };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'topstory-comments-e2e-'));
    store = openStore({ sqlitePath: join(dir, 'topstory.db') });
    await migrate(store);
    article = await seedArticle(store);
    const app = testApp(store, { TOPSTORY_COMMENTS_RATE_PER_IP: '100000', TOPSTORY_COMMENTS_RATE_PER_EMAIL: '100000', TOPSTORY_BASE_URL: 'http://127.0.0.1' });
    const started = await listen(app, commentSite(app, clock, { cache: true }), { host: '127.0.0.1', port: 0 });
    server = started.server;
    site = started.url;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function fillAndPost(page: Page, fields: { comment: string; author?: string; email?: string; url?: string; remember?: boolean }) {
    await page.fill('#comment', fields.comment);
    if (fields.author !== undefined) await page.fill('#author', fields.author);
    if (fields.email !== undefined) await page.fill('#email', fields.email);
    if (fields.url !== undefined) await page.fill('#url', fields.url);
    if (fields.remember) await page.check('#remember');
    wait();
    await Promise.all([page.waitForLoadState('load'), page.click('input[type=submit][value="Post Comment"]')]);
  }

  const commentId = (page: Page) => Number(/#comment-(\d+)$/.exec(page.url())?.[1] ?? NaN);

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';

    it(`${mode}: post, see "awaiting moderation", approve, see it; a validation error keeps the input`, async () => {
      const poster = await browser.newContext({ javaScriptEnabled });
      const page = await poster.newPage();
      await page.goto(site + article.path);
      assert.equal(await page.locator('#reply-title').textContent(), 'Leave a Reply');

      await fillAndPost(page, { comment: `My first words (${mode}).`, author: 'Rita Reader', email: 'not an email' });
      assert.match(await page.locator('#email-error').textContent() ?? '', /does not look like an email address/);
      assert.equal(await page.inputValue('#comment'), `My first words (${mode}).`, 'the comment is kept');
      assert.equal(await page.inputValue('#author'), 'Rita Reader', 'the name is kept');
      assert.equal(await page.inputValue('#email'), 'not an email', 'the typed email is kept to be corrected');
      assert.equal(await page.locator('#email').getAttribute('aria-invalid'), 'true');

      await page.fill('#email', email(mode));
      wait();
      await Promise.all([page.waitForURL(/#comment-\d+$/), page.click('input[type=submit]')]);
      const id = commentId(page);
      assert.match(await page.locator(`#comment-${id} .comment-awaiting-moderation`).textContent() ?? '', /Your comment is awaiting moderation\./);
      assert.equal(await page.locator(`#comment-${id} .comment-content`).textContent(), `My first words (${mode}).`);

      const other = await browser.newContext({ javaScriptEnabled });
      const otherPage = await other.newPage();
      await otherPage.goto(site + article.path);
      assert.equal(await otherPage.locator(`#comment-${id}`).count(), 0, 'others do not see it yet');

      await moderateComment(store, id, 'approved', 'e2e', clock.now());
      await otherPage.reload();
      assert.equal(await otherPage.locator(`#comment-${id} .comment-content`).textContent(), `My first words (${mode}).`, 'approved: everyone sees it');
      assert.equal(await otherPage.locator(`#comment-${id} .comment-author`).textContent(), 'Rita Reader');
      await page.reload();
      assert.equal(await page.locator(`#comment-${id} .comment-awaiting-moderation`).count(), 0, 'no longer awaiting');
      assert.ok(!(await otherPage.content()).includes(email(mode)), 'the email is not on the page');
      await poster.close();
      await other.close();
    });

    it(`${mode}: a reply nests under its comment; saved details refill the form`, async () => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(site + article.path);
      await fillAndPost(page, { comment: `Parent (${mode})`, author: 'Paula Parent', email: `parent-${javaScriptEnabled}@example.org`, url: 'https://paula.example', remember: true });
      const parent = commentId(page);
      await moderateComment(store, parent, 'approved', 'e2e', clock.now());

      const fresh = await context.newPage();
      await fresh.goto(site + article.path);
      assert.equal(await fresh.inputValue('#author'), 'Paula Parent', 'saved name refilled');
      assert.equal(await fresh.inputValue('#email'), `parent-${javaScriptEnabled}@example.org`, 'saved email refilled');
      assert.equal(await fresh.inputValue('#url'), 'https://paula.example/', 'saved website refilled');
      assert.equal(await fresh.isChecked('#remember'), true);

      await Promise.all([fresh.waitForURL(/replytocom=/), fresh.click(`#comment-${parent} .comment-reply-link`)]);
      assert.equal(await fresh.locator('#reply-title').textContent(), 'Reply to Paula Parent Cancel reply');
      await fillAndPost(fresh, { comment: `Child (${mode})` });
      const child = commentId(fresh);
      await moderateComment(store, child, 'approved', 'e2e', clock.now());

      const reader = await browser.newContext({ javaScriptEnabled });
      const view = await reader.newPage();
      await view.goto(site + article.path);
      const nested = view.locator(`li:has(> #comment-${parent}) > ol.children > li > #comment-${child}`);
      assert.equal(await nested.count(), 1, 'the reply is inside its parent\'s thread');
      assert.equal(await view.locator(`#comment-${child} .comment-content`).textContent(), `Child (${mode})`);
      assert.equal(await view.locator(`#comment-${parent} .comment-author a`).getAttribute('rel'), 'nofollow ugc noopener');
      await view.goto(`${site}${article.path}#comment-${child}`);
      assert.equal(await view.locator(`#comment-${child}`).isVisible(), true, 'the permalink leads to the comment');
      await context.close();
      await reader.close();
    });
  }

  it('axe finds no WCAG 2.2 AA violation in the comments: threads, the form, its errors, a reply; light and dark', async () => {
    const failures: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const check = async (what: string) => {
        // The comment styles the site stylesheet takes in (views/comments.tsx commentsCss), whether or not it has them yet.
        await page.addStyleTag({ content: commentsCss });
        const result = await new AxeBuilder({ page }).include('#comments').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
        for (const v of result.violations) failures.push(`${colorScheme} ${what}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
      };
      await page.goto(site + article.path);
      assert.ok(await page.locator('#comments ol.children').count() > 0, 'the page shows a thread');
      await check('article page');
      await fillAndPost(page, { comment: 'x', author: '', email: 'no' });
      assert.equal(await page.locator('.field-error').count(), 2);
      await check('form with errors');
      await page.goto(`${site}${article.path}?replytocom=${await page.locator('#comments article[id^="comment-"]').first().getAttribute('id').then((id) => id!.slice(8))}`);
      await check('reply form');
      await context.close();
    }
    assert.deepEqual(failures, [], 'axe violations');
  });

  it('every hostile payload, posted as a comment and approved, runs no script in Chromium', async (t) => {
    const files = loadPayloadFiles();
    if (!files) {
      t.skip('../shared/data/security is absent');
      return;
    }
    const payloads = files.flatMap((f) => f.payloads.map((p) => ({ ...p, file: f.file })));
    // About 60 comments per article page, so that every page stays a quick render.
    const pages: Array<{ path: string; ids: number[] }> = [];
    let posted = 0;
    for (let i = 0; i < payloads.length; i += 60) {
      const target = await seedArticle(store, `Payload page ${i}`, `https://coast.example/payloads/${i}`);
      const page = { path: target.path, ids: [] as number[] };
      pages.push(page);
      const html = await (await fetch(site + target.path)).text();
      const token = /name="token" value="([^"]+)"/.exec(html)![1]!;
      wait();
      for (const [j, payload] of payloads.slice(i, i + 60).entries()) {
        const res = await fetch(`${site}/articles/${target.id}/comments`, {
          method: 'POST', redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ comment: payload.html, author: payload.html.slice(0, 100).trim() || 'x', email: `p${i + j}@example.org`, url: '', parent: '0', token }),
        });
        await res.arrayBuffer();
        if (payload.html.trim() === '') continue;
        assert.equal(res.status, 303, `${payload.file} ${payload.label}: posted`);
        page.ids.push(Number(/#comment-(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]));
        posted++;
      }
    }
    wait();
    await sql`update comments set status = 'approved', updated_at = ${clock.now()}`.execute(store.db);

    const context: BrowserContext = await browser.newContext();
    const ran: string[] = [];
    await context.exposeFunction('__commentRan', (entry: string) => ran.push(entry));
    await context.addInitScript(`(() => {
      const tell = (what) => { try { window.__commentRan(what + ' on ' + location.pathname); } catch {} };
      for (const name of ['alert', 'prompt', 'confirm', 'print']) {
        Object.defineProperty(window, name, { value: (...args) => { tell(name + '(' + args.join(',') + ')'); }, writable: false, configurable: false });
      }
      window.addEventListener('securitypolicyviolation', (e) => tell('csp ' + e.effectiveDirective + ' ' + e.blockedURI), true);
      // A followed link would leave the page under test: report script URLs, cancel every other.
      const SCRIPT_URL = /^(javascript|vbscript):|^data:text\\/html/i;
      window.addEventListener('click', (e) => {
        const a = e.target && e.target.closest ? e.target.closest('a[href], area[href]') : null;
        if (!a) return;
        const href = String(a.getAttribute('href')).replace(/[\\u0000-\\u0020]/g, '');
        if (SCRIPT_URL.test(href)) tell('navigation ' + href);
        else e.preventDefault();
      }, true);
      window.addEventListener('submit', (e) => e.preventDefault(), true);
    })();`);
    // The site's CSP would stop inline script: take it off, so the rendering alone must keep it out.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(site)) {
        if (/^(javascript|vbscript):|^data:text\/html/i.test(url)) ran.push(`request ${url.slice(0, 80)}`);
        await route.abort('blockedbyclient');
        return;
      }
      if (url === `${site}/harness-check`) {
        await route.fulfill({ contentType: 'text/html', body: '<!doctype html><section id="comments"><p><img src=x onerror=alert(1)></p></section>' });
        return;
      }
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      ran.push(`dialog ${dialog.type()} ${dialog.message()}`);
      dialog.dismiss().catch(() => undefined);
    });
    // The hooks must see script that does run, or they prove nothing.
    await page.goto(`${site}/harness-check`);
    await page.waitForFunction('document.readyState === "complete"');
    await page.evaluate('new Promise((done) => setTimeout(done, 100))');
    assert.ok(ran.some((entry) => entry.startsWith('alert(1)')), `the harness sees an inline handler run: ${ran.join('; ')}`);
    ran.length = 0;
    let shown = 0;
    for (const { path, ids } of pages) {
      await page.goto(site + path);
      shown += await page.locator('#comments .comment-body').count();
      // What is left in the comments must hold nothing that could run script, whatever did not run.
      const markup = (await page.evaluate(`(() => {
        const found = [];
        for (const el of Array.from(document.querySelectorAll('#comments *'))) {
          const tag = el.localName;
          if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'style', 'link', 'img', 'svg:script'].includes(tag) && !el.closest('form')) found.push('<' + tag + '>');
          for (const name of el.getAttributeNames()) {
            if (name.startsWith('on') || name === 'style' || name === 'srcdoc') found.push('<' + tag + ' ' + name + '>');
            if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && !/^(https?:|\\/|#)/i.test(el.getAttribute(name).trim())) found.push('<' + tag + ' ' + name + '=' + el.getAttribute(name).slice(0, 40) + '>');
          }
        }
        return found;
      })()`)) as string[];
      assert.deepEqual(markup, [], `${path}: no script markup in the comments`);
      await page.evaluate(`(async () => {
        for (const el of Array.from(document.querySelectorAll('#comments .comment-body *'))) {
          for (const type of ['mouseover', 'focus', 'click']) {
            try { el.dispatchEvent(type === 'focus' ? new FocusEvent('focus') : new MouseEvent(type, { bubbles: true, cancelable: true, view: window })); } catch {}
          }
        }
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)));
      })()`);
      const onPage = (await page.evaluate(`Array.from(document.querySelectorAll('#comments article[id^="comment-"]')).map((a) => Number(a.id.slice(8)))`)) as number[];
      assert.deepEqual(ids.filter((id) => !onPage.includes(id)), [], `every comment is shown on ${path} (shown: ${onPage.join(' ')})`);
    }
    t.diagnostic(`${posted} of ${payloads.length} payloads posted (the empty one is refused) and shown on ${pages.length} pages; ${shown} comments rendered`);
    assert.ok(posted >= payloads.length - 1, 'every non-empty payload was posted');
    assert.deepEqual(ran, [], 'no payload ran script');
    await context.close();
  });
});
