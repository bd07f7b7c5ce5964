// Reader comments over HTTP, in-process with app.request() on both databases (issue #8 "Must show"):
// the form, posting and every moderation transition, no CSRF token → 403, honeypot → spam with
// nothing said, too fast → a clear message, over the rate → 429 with Retry-After, validation that
// keeps the input, threads, saved details, the delete link, feeds, size and type checks, the page
// cache, and the test email address in no page, feed, answer or log line.
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.js';
import { Clock, commentFields, commentSite, postedId, Reader, seedArticle, testApp, T0 } from '../comments/site.js';
import { getComment, moderateComment, moderationLog } from '../../src/store/comments.js';
import { createApiKey, createUser } from '../../src/store/users.js';
import { parseFeed } from '../../src/feeds/index.js';
import type { Hono } from 'hono';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const EMAIL = 'ada.private@example.org';

// Posts a comment the way a browser does: open the page, wait, submit.
async function comment(reader: Reader, clock: Clock, article: { id: number; path: string }, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const token = await reader.token(`${article.path}${fields.parent && fields.parent !== '0' ? `?replytocom=${fields.parent}` : ''}`);
  clock.advance(5_000);
  return reader.post(article.id, { ...commentFields(fields), token }, headers);
}

function section(html: string): string {
  const start = html.indexOf('<section id="comments"');
  assert.ok(start >= 0, 'the page has the comments section');
  return html.slice(start, html.indexOf('</section>', start) + 10);
}

// The comments shown, as "id:depth" in document order.
function shownComments(html: string): string[] {
  return [...section(html).matchAll(/<li class="comment depth-(\d)[^"]*"><article id="comment-(\d+)"/g)].map((m) => `${m[2]}:${m[1]}`);
}

describeEachDatabase('comments over HTTP', (test) => {
  test('the article page has the Leave a Reply form, complete and working without JavaScript', async ({ store }) => {
    const app = testApp(store);
    const article = await seedArticle(store);
    const page = await new Reader(commentSite(app, new Clock())).get(article.path);
    assert.equal(page.status, 200);
    const html = section(page.text);
    for (const text of ['Leave a Reply', 'Your email address will not be published.', 'Required fields are marked', 'Comments</h2>', 'No comments yet.',
      'Save my name, email, and website in this browser for the next time I comment.', 'value="Post Comment"']) {
      assert.ok(html.includes(text), `the section shows ${text}`);
    }
    for (const [label, field] of [['Comment', 'comment'], ['Name', 'author'], ['Email', 'email'], ['Website', 'url']]) {
      assert.match(html, new RegExp(`<label for="${field}">${label}`), `${label} has a label`);
    }
    assert.match(html, /<textarea id="comment" name="comment" maxlength="10000" required=""/);
    assert.match(html, /id="author" name="author" maxlength="100" required=""/);
    assert.match(html, /id="email" name="email" maxlength="254" required=""/);
    assert.match(html, /id="url" name="url" maxlength="200" type="url"/);
    assert.match(html, /<input id="remember" name="remember" type="checkbox" value="yes"\/>/, 'not ticked by default');
    assert.match(html, /<div class="comment-form-trap" hidden="">.*name="homepage"/, 'the honeypot is hidden from people');
    assert.match(html, /<form action="\/articles\/\d+\/comments" method="post"/, 'a plain form post');
    assert.match(html, /name="token" value="[0-9a-z]+\.[\w-]{32}"/);
    assert.doesNotMatch(page.text, /gravatar|<img[^>]+avatar/i, 'no third-party avatar');
  });

  test('post, awaiting moderation for the poster only, approve, shown to all; every transition', async ({ store }) => {
    const app = testApp(store);
    const clock = new Clock();
    const article = await seedArticle(store);
    const web = commentSite(app, clock);
    const poster = new Reader(web);
    const other = new Reader(web, '198.51.100.2');

    const res = await comment(poster, clock, article);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `${article.path}#comment-${postedId(res)}`);
    const id = postedId(res);
    assert.equal(res.headers.get('connection'), 'close', 'a post does not keep the connection (a flood cannot hog a busy server)');
    assert.equal((await getComment(store, id))?.status, 'pending', 'a first-time commenter is held');

    const own = await poster.get(article.path);
    assert.match(section(own.text), /Your comment is awaiting moderation\./);
    assert.match(section(own.text), new RegExp(`<article id="comment-${id}"`));
    assert.match(own.headers.get('cache-control') ?? '', /private/, 'a page made for one reader is not cached');
    assert.deepEqual(shownComments((await other.get(article.path)).text), [], 'other readers do not see a pending comment');

    const transitions: Array<[string, boolean]> = [['approved', true], ['spam', false], ['approved', true], ['trash', false], ['pending', false], ['approved', true]];
    for (const [status, visible] of transitions) {
      clock.advance(1_000);
      assert.equal(await moderateComment(store, id, status as 'approved', 'editor', clock.now()), true);
      const html = (await other.get(article.path)).text;
      assert.equal(shownComments(html).includes(`${id}:1`), visible, `after → ${status} the comment is ${visible ? '' : 'not '}shown`);
      if (visible) assert.match(section(html), /<h2 id="comments-heading">1 Comment<\/h2>/);
    }
    const log = await moderationLog(store, { commentId: id, limit: 20 });
    assert.deepEqual(log.map((e) => e.action).reverse(), ['pending', ...transitions.map(([s]) => s)], 'the moderation log has every transition');
    assert.equal(log.at(-1)?.reason, 'first_time');

    // Now known: this commenter's next comment is approved at once.
    const second = await comment(poster, clock, article, { comment: 'And the evening ferry too.' });
    assert.equal((await getComment(store, postedId(second)))?.status, 'approved');
    assert.deepEqual(shownComments((await other.get(article.path)).text), [`${id}:1`, `${postedId(second)}:1`], 'oldest first');
  });

  test('no CSRF token → 403; forged, foreign or cross-site → 403; same-origin → accepted', async ({ store }) => {
    const app = testApp(store);
    const clock = new Clock();
    const article = await seedArticle(store);
    const otherArticle = await seedArticle(store, 'Bridge reopens', 'https://coast.example/a/bridge');
    const reader = new Reader(commentSite(app, clock));
    const token = await reader.token(article.path);
    const foreign = await reader.token(otherArticle.path);
    clock.advance(5_000);
    const cases: Array<[string, Record<string, string>, Record<string, string>, number]> = [
      ['no token', commentFields(), {}, 403],
      ['empty token', { ...commentFields(), token: '' }, {}, 403],
      ['forged token', { ...commentFields(), token: `${token.slice(0, -3)}abc` }, {}, 403],
      ['token of another article', { ...commentFields(), token: foreign }, {}, 403],
      ['cross-site Origin', { ...commentFields(), token }, { origin: 'https://evil.example' }, 403],
      ['null Origin', { ...commentFields(), token }, { origin: 'null' }, 403],
      ['Sec-Fetch-Site cross-site', { ...commentFields(), token }, { 'sec-fetch-site': 'cross-site' }, 403],
      ['Sec-Fetch-Site same-site', { ...commentFields(), token }, { 'sec-fetch-site': 'same-site' }, 403],
      ['same origin as the site', { ...commentFields(), token }, { origin: 'http://news.test', 'sec-fetch-site': 'same-origin' }, 303],
    ];
    for (const [name, fields, headers, status] of cases) {
      const res = await reader.post(article.id, fields, headers);
      assert.equal(res.status, status, name);
      if (status === 403) assert.match(res.text, /Comment not accepted/, `${name}: says why in words`);
    }
    const stored = await store.db.selectFrom('comments').select('id').execute();
    assert.equal(stored.length, 1, 'only the accepted post was stored');
  });

  test('posted too fast → a clear message and the input kept; a day-old form → post again', async ({ store }) => {
    const app = testApp(store);
    const clock = new Clock();
    const article = await seedArticle(store);
    const reader = new Reader(commentSite(app, clock));
    const token = await reader.token(article.path);
    clock.advance(1_000);
    const fast = await reader.post(article.id, { ...commentFields({ comment: 'Typed <quickly> & "well"' }), token });
    assert.equal(fast.status, 422);
    assert.match(section(fast.text), /That was quick! .*Please post it again\./);
    assert.match(section(fast.text), /<textarea[^>]*>Typed &lt;quickly&gt; &amp; (&quot;|")well(&quot;|")<\/textarea>/, 'the comment is kept');
    assert.match(section(fast.text), /id="author"[^>]*value="Ada Lovelace"/, 'the name is kept');
    clock.advance(2_500);
    assert.equal((await reader.post(article.id, { ...commentFields(), token })).status, 303, 'the same form a moment later is accepted');
    const old = await reader.token(article.path);
    clock.advance(24 * 3_600_000 + 1);
    const expired = await reader.post(article.id, { ...commentFields({ comment: 'Late thoughts.' }), token: old });
    assert.equal(expired.status, 422);
    assert.match(section(expired.text), /open for more than a day/);
  });

  test('validation errors appear next to their fields and keep what was typed; nothing is stored', async ({ store }) => {
    const app = testApp(store);
    const clock = new Clock();
    const article = await seedArticle(store);
    const reader = new Reader(commentSite(app, clock));
    const res = await comment(reader, clock, article, { comment: 'x'.repeat(10_001), author: '', email: 'not-an-email', url: 'javascript:alert(1)' });
    assert.equal(res.status, 422);
    const html = section(res.text);
    const expectations: Array<[string, RegExp]> = [
      ['comment', /at most 10,000 characters/], ['author', /Please give your name/], ['email', /does not look like an email address/], ['url', /does not look like a website address/],
    ];
    for (const [field, message] of expectations) {
      const m = new RegExp(`aria-describedby="[^"]*${field}-error"[^>]*>(?:[^<]*</textarea>)?<span class="field-error" id="${field}-error">([^<]+)</span>`).exec(html);
      assert.ok(m, `${field}: the error sits right after the field and the field points at it`);
      assert.match(m[1]!, message);
    }
    assert.match(html, /value="not-an-email"/);
    assert.match(html, /value="javascript:alert\(1\)"/, 'even a bad value is kept (escaped, in a value attribute)');
    assert.match(html, /x{10001}<\/textarea>/);
    assert.match(html, /role="alert"><p>Your comment was not posted: 4 fields need attention/);
    assert.equal((await store.db.selectFrom('comments').select('id').execute()).length, 0);
  });

  test('honeypot filled → held as spam; the sender is told nothing more', async ({ store }) => {
    const app = testApp(store);
    const clock = new Clock();
    const article = await seedArticle(store);
    const web = commentSite(app, clock);
    const human = await comment(new Reader(web, '198.51.100.1'), clock, article, { email: 'human@example.org' });
    const bot = new Reader(web, '198.51.100.9');
    const caught = await comment(bot, clock, article, { email: 'bot@example.org', homepage: 'http://cheap.example' });
    assert.equal(caught.status, human.status);
    assert.deepEqual([...caught.headers.keys()].sort(), [...human.headers.keys()].sort(), 'the same answer as for a person');
    assert.deepEqual(caught.headers.getSetCookie().map((c) => c.split('=')[0]), human.headers.getSetCookie().map((c) => c.split('=')[0]));
    const stored = await getComment(store, postedId(caught));
    assert.equal(stored?.status, 'spam');
    assert.equal(stored?.held_reason, 'honeypot');
    const seen = await bot.get(article.path);
    assert.match(section(seen.text), /Your comment is awaiting moderation\./, 'the bot sees what a held person sees');
    assert.doesNotMatch(seen.text, /spam|honeypot/i);
  });

  test('over the rate per IP hash or per email → 429 with Retry-After; the window frees places', async ({ store }) => {
    const app = testApp(store, { TOPSTORY_COMMENTS_RATE_PER_IP: '3', TOPSTORY_COMMENTS_RATE_PER_EMAIL: '2', TOPSTORY_COMMENTS_RATE_WINDOW_SECONDS: '600' });
    const clock = new Clock();
    const article = await seedArticle(store);
    const web = commentSite(app, clock);
    const busy = new Reader(web, '192.0.2.50');
    const started = clock.now();
    for (let i = 0; i < 3; i++) assert.equal((await comment(busy, clock, article, { email: `p${i}@example.org`, comment: `Point ${i}` })).status, 303, `post ${i} is within the rate`);
    const over = await comment(busy, clock, article, { email: 'p9@example.org', comment: 'One more point' });
    assert.equal(over.status, 429);
    const retry = Number(over.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 600, `Retry-After ${retry} s lies within the window`);
    assert.equal(retry, Math.ceil((started + 5_000 + 600_000 - clock.now()) / 1000), 'until the oldest post leaves the window');
    assert.match(section(over.text), /Please wait \d+ minutes? before posting again/);
    assert.match(section(over.text), /One more point<\/textarea>/, 'the comment is kept');
    assert.equal((await comment(new Reader(web, '192.0.2.51'), clock, article, { email: 'p8@example.org', comment: 'From elsewhere' })).status, 303, 'another address is not limited');
    // Per email, from changing addresses.
    const e1 = await comment(new Reader(web, '192.0.2.60'), clock, article, { email: 'same@example.org', comment: 'First' });
    const e2 = await comment(new Reader(web, '192.0.2.61'), clock, article, { email: 'same@example.org', comment: 'Second' });
    const e3 = await comment(new Reader(web, '192.0.2.62'), clock, article, { email: 'SAME@example.org', comment: 'Third' });
    assert.deepEqual([e1.status, e2.status, e3.status], [303, 303, 429]);
    assert.ok(Number(e3.headers.get('retry-after')) > 0, 'Retry-After set');
    clock.advance(601_000);
    assert.equal((await comment(busy, clock, article, { email: 'p9@example.org', comment: 'One more point' })).status, 303, 'after the window the address may post again');
  });

  test('a duplicate is refused and stored once', async ({ store }) => {
    const app = testApp(store);
    const clock = new Clock();
    const article = await seedArticle(store);
    const reader = new Reader(commentSite(app, clock));
    assert.equal((await comment(reader, clock, article, { comment: 'Same words.' })).status, 303);
    const again = await comment(reader, clock, article, { comment: '  same   WORDS. ' });
    assert.equal(again.status, 409);
    assert.match(section(again.text), /You have already posted this comment\./);
    assert.equal((await store.db.selectFrom('comments').select('id').execute()).length, 1);
  });

  test('links over the limit and blocklisted words hold a comment; the modes', async ({ store }) => {
    const clock = new Clock();
    const article = await seedArticle(store);
    const cases: Array<[string, Record<string, string>, Record<string, string>, string, string | null]> = [
      ['hold-none approves', { TOPSTORY_COMMENTS_MODERATION: 'hold-none' }, {}, 'approved', null],
      ['two links pass', { TOPSTORY_COMMENTS_MODERATION: 'hold-none' }, { comment: 'See https://a.example and www.b.example' }, 'approved', null],
      ['three links hold', { TOPSTORY_COMMENTS_MODERATION: 'hold-none' }, { comment: 'https://a.example https://b.example https://c.example' }, 'pending', 'too_many_links'],
      ['blocklist in the text', { TOPSTORY_COMMENTS_MODERATION: 'hold-none', TOPSTORY_COMMENTS_BLOCKLIST: 'casino, cheap pills' }, { comment: 'Visit our CASINO' }, 'pending', 'blocklist'],
      ['blocklist in the name', { TOPSTORY_COMMENTS_MODERATION: 'hold-none', TOPSTORY_COMMENTS_BLOCKLIST: 'casino' }, { author: 'Casino King' }, 'pending', 'blocklist'],
      ['hold-all', { TOPSTORY_COMMENTS_MODERATION: 'hold-all' }, {}, 'pending', 'hold_all'],
    ];
    let n = 0;
    for (const [name, env, fields, status, reason] of cases) {
      const web = commentSite(testApp(store, env), clock);
      const res = await comment(new Reader(web, `192.0.2.${++n}`), clock, article, { email: `case${n}@example.org`, comment: `Case ${n}`, ...fields });
      const stored = await getComment(store, postedId(res));
      assert.equal(stored?.status, status, name);
      assert.equal(stored?.held_reason, reason, `${name}: reason`);
    }
  });

  test('the Akismet-compatible check, when switched on: spam, ham, and down (held); the email is never sent', async ({ store }) => {
    const received: URLSearchParams[] = [];
    let answer: { status: number; body: string } = { status: 200, body: 'true' };
    const akismet = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(new URLSearchParams(body));
        res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => akismet.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(akismet.address() as AddressInfo).port}/1.1`;
    try {
      const clock = new Clock();
      const article = await seedArticle(store);
      const app = testApp(store, { TOPSTORY_AKISMET_KEY: 'test-key', TOPSTORY_AKISMET_URL: endpoint, TOPSTORY_COMMENTS_MODERATION: 'hold-none' });
      const web = commentSite(app, clock);
      const cases: Array<[string, { status: number; body: string }, string, string | null]> = [
        ['spam', { status: 200, body: 'true' }, 'spam', 'akismet'],
        ['ham', { status: 200, body: 'false' }, 'approved', null],
        ['an error answer', { status: 500, body: 'oops' }, 'pending', 'akismet_unavailable'],
      ];
      let n = 0;
      for (const [name, given, status, reason] of cases) {
        answer = given;
        const res = await comment(new Reader(web, `192.0.2.${++n}`), clock, article, { comment: `Akismet case ${n}`, email: EMAIL });
        const stored = await getComment(store, postedId(res));
        assert.deepEqual([stored?.status, stored?.held_reason], [status, reason], name);
      }
      assert.equal(received.length, 3);
      assert.equal(received[0]!.get('api_key'), 'test-key');
      assert.equal(received[0]!.get('user_ip'), '192.0.2.1');
      assert.equal(received[0]!.get('comment_content'), 'Akismet case 1');
      assert.equal(received[0]!.get('permalink'), `http://news.test${article.path}`);
      assert.ok(received.every((r) => ![...r.values()].some((v) => v.includes(EMAIL))), 'the email is never sent to the service');
      akismet.close();
      const down = await comment(new Reader(web, '192.0.2.99'), clock, article, { comment: 'While the service is down', email: 'd@example.org' });
      assert.equal((await getComment(store, postedId(down)))?.held_reason, 'akismet_unavailable', 'unreachable: held, not lost');
      const off = await comment(new Reader(commentSite(testApp(store, { TOPSTORY_COMMENTS_MODERATION: 'hold-none' }), clock), '192.0.2.98'), clock, article, { comment: 'No key, no check', email: 'o@example.org' });
      assert.equal((await getComment(store, postedId(off)))?.status, 'approved', 'off by default: nothing is asked');
      assert.equal(received.length, 3);
    } finally {
      akismet.close();
    }
  });

  test('threads: Reply links, replies nest to depth 5, permalinks', async ({ store }) => {
    const app = testApp(store, { TOPSTORY_COMMENTS_MODERATION: 'hold-none' });
    const clock = new Clock();
    const article = await seedArticle(store);
    const web = commentSite(app, clock);
    const reader = new Reader(web);
    const ids: number[] = [];
    for (let depth = 1; depth <= 5; depth++) {
      const parent = ids.at(-1);
      const res = await comment(reader, clock, article, { comment: `Level ${depth}`, ...(parent ? { parent: String(parent) } : {}) });
      assert.equal(res.status, 303, `reply at depth ${depth}`);
      ids.push(postedId(res));
    }
    const html = (await new Reader(web, '198.51.100.3').get(article.path)).text;
    assert.deepEqual(shownComments(html), ids.map((id, i) => `${id}:${i + 1}`));
    assert.match(section(html), new RegExp(`<article id="comment-${ids[0]}"[\\s\\S]*?<ol class="children"><li class="comment depth-2"><article id="comment-${ids[1]}"`), 'the reply is inside its parent');
    assert.match(section(html), new RegExp(`href="#comment-${ids[2]}"`), 'permalink');
    for (const id of ids.slice(0, 4)) assert.match(section(html), new RegExp(`href="${article.path}\\?replytocom=${id}#respond"`), `comment ${id} has a Reply link`);
    assert.doesNotMatch(section(html), new RegExp(`replytocom=${ids[4]}`), 'no Reply link at depth 5');

    const replyPage = await new Reader(web, '198.51.100.3').get(`${article.path}?replytocom=${ids[0]}`);
    assert.match(section(replyPage.text), /<h3 id="reply-title"[^>]*>Reply to Ada Lovelace/);
    assert.match(section(replyPage.text), new RegExp(`name="parent" value="${ids[0]}"`));
    assert.match(section(replyPage.text), /Cancel reply/);
    assert.match(replyPage.headers.get('cache-control') ?? '', /no-store/);

    const token = await reader.token(article.path);
    clock.advance(5_000);
    const tooDeep = await reader.post(article.id, { ...commentFields({ comment: 'Level 6', parent: String(ids[4]) }), token });
    assert.equal(tooDeep.status, 422);
    assert.match(section(tooDeep.text), /at most five deep/);
    const missing = await reader.post(article.id, { ...commentFields({ comment: 'To nobody', parent: '999999' }), token });
    assert.equal(missing.status, 422);
    assert.match(section(missing.text), /not available any more/);
    assert.match(section(missing.text), /name="parent" value="0"/, 're-shown as a new comment');
  });

  test('saved details: remembered only when ticked, refilled server-side, forgotten when unticked', async ({ store }) => {
    const app = testApp(store);
    const clock = new Clock();
    const article = await seedArticle(store);
    const web = commentSite(app, clock);
    const forgetful = new Reader(web, '198.51.100.20');
    await comment(forgetful, clock, article, { email: 'f@example.org' });
    assert.equal(forgetful.cookies.has('ts_commenter'), false, 'not ticked: nothing remembered');
    assert.doesNotMatch(section((await forgetful.get(article.path)).text), /value="Ada Lovelace"/);

    const reader = new Reader(web);
    await comment(reader, clock, article, { author: 'Grace Hopper', url: 'https://grace.example/', remember: 'yes' });
    const saved = reader.cookies.get('ts_commenter') ?? '';
    assert.ok(saved !== '' && !saved.includes('example.org') && !Buffer.from(saved, 'base64url').toString('latin1').includes(EMAIL), 'the cookie does not show the email');
    const fresh = new Reader(web, '198.51.100.21');
    fresh.cookies.set('ts_commenter', saved);
    const page = await fresh.get(article.path);
    assert.match(section(page.text), /id="author"[^>]*value="Grace Hopper"/);
    assert.match(section(page.text), new RegExp(`id="email"[^>]*value="${EMAIL}"`));
    assert.match(section(page.text), /id="url"[^>]*value="https:\/\/grace.example\/"/);
    assert.match(section(page.text), /name="remember" type="checkbox" value="yes" checked=""/);
    assert.match(page.headers.get('cache-control') ?? '', /private/);
    await comment(fresh, clock, article, { author: 'Grace Hopper', comment: 'Without saving this time.' });
    assert.equal(fresh.cookies.has('ts_commenter'), false, 'unticked: the saved details are deleted');
  });

  test('the secret delete link shown after posting erases the comment', async ({ store }) => {
    const app = testApp(store, { TOPSTORY_COMMENTS_MODERATION: 'hold-none' });
    const clock = new Clock();
    const article = await seedArticle(store);
    const web = commentSite(app, clock);
    const poster = new Reader(web);
    const id = postedId(await comment(poster, clock, article, { comment: 'I regret this.' }));
    const reply = postedId(await comment(new Reader(web, '198.51.100.30'), clock, article, { comment: 'I reply to it.', email: 'r@example.org', parent: String(id) }));
    const link = /href="(\/articles\/\d+\/comments\/\d+\/delete\?key=[^"]+)"/.exec(section((await poster.get(article.path)).text))?.[1];
    assert.ok(link, 'the poster is shown a delete link');
    assert.doesNotMatch(section((await new Reader(web, '198.51.100.31').get(article.path)).text), /delete\?key=/, 'nobody else is');
    const wrong = await poster.get(link.replace(/key=.*/, 'key=wrongwrongwrongwrong'));
    assert.equal(wrong.status, 404);
    const confirm = await poster.get(link);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /Delete this comment for good\?/);
    assert.match(confirm.headers.get('cache-control') ?? '', /no-store/);
    const key = new URL(link, 'http://x').searchParams.get('key')!;
    const cross = await poster.request('POST', new URL(link, 'http://x').pathname, { body: new URLSearchParams({ key }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' } });
    assert.equal(cross.status, 403);
    const done = await poster.request('POST', new URL(link, 'http://x').pathname, { body: new URLSearchParams({ key }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(done.status, 200);
    assert.match(done.text, /Your comment was deleted\./);
    const row = await getComment(store, id);
    assert.deepEqual([row?.status, row?.body, row?.author_name, row?.author_email, row?.ip_hash], ['trash', '', '', '', null]);
    const html = section((await new Reader(web, '198.51.100.32').get(article.path)).text);
    assert.doesNotMatch(html, /I regret this/);
    assert.match(html, /This comment was removed\.[\s\S]*I reply to it/, 'the reply keeps its place under a placeholder');
    assert.ok(shownComments(html).includes(`${reply}:2`), 'the reply is still shown');
    assert.equal((await poster.get(link)).status, 404, 'the link works once');
  });

  test('feeds: approved comments per article; moderators behind admin auth', async ({ store }) => {
    const app = testApp(store, { TOPSTORY_COMMENTS_MODERATION: 'hold-first-time' });
    const clock = new Clock();
    const article = await seedArticle(store);
    const web = commentSite(app, clock);
    const approved = postedId(await comment(new Reader(web), clock, article, { comment: 'Approved words with https://ok.example' }));
    await moderateComment(store, approved, 'approved', 'editor', clock.now());
    const pending = postedId(await comment(new Reader(web, '198.51.100.40'), clock, article, { comment: 'Pending words', email: 'p@example.org', author: 'Pat Pending' }));
    const reader = new Reader(web, '198.51.100.41');
    const feed = await reader.get(`/articles/${article.id}/comments/feed.xml`);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type') ?? '', /application\/rss\+xml/);
    const parsed = parseFeed(Buffer.from(feed.text), { url: 'http://news.test/feed' });
    assert.equal(parsed.items.length, 1);
    assert.equal(parsed.items[0]!.link, `http://news.test${article.path}#comment-${approved}`);
    assert.match(parsed.items[0]!.content ?? parsed.items[0]!.summary ?? '', /Approved words/);
    assert.doesNotMatch(feed.text, /Pending words/);
    assert.equal((await reader.get('/articles/999/comments/feed.xml')).status, 404);

    const mod = '/admin/comments/feed.xml';
    const anonymous = await reader.get(mod);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic /);
    const user = await createUser(store, 'editor', 'correct horse battery', T0);
    const key = await createApiKey(store, user.id, 'feeds', T0);
    const basic = (p: string) => `Basic ${Buffer.from(`editor:${p}`).toString('base64')}`;
    assert.equal((await reader.get(mod, { authorization: basic('wrong password') })).status, 401);
    assert.equal((await reader.get(mod, { authorization: 'Bearer tsk_nope' })).status, 401);
    for (const authorization of [basic('correct horse battery'), `Bearer ${key}`]) {
      const res = await reader.get(mod, { authorization });
      assert.equal(res.status, 200, authorization.split(' ')[0]);
      assert.match(res.headers.get('cache-control') ?? '', /no-store/);
      assert.match(res.text, /Pat Pending on “Harbour ferry returns after storm” \(held: first time\)/);
      assert.match(res.text, new RegExp(`comments approve ${pending}`));
      assert.doesNotMatch(res.text, /Approved words/);
    }
    const spamFeed = await reader.get(`${mod}?status=approved`, { authorization: `Bearer ${key}` });
    assert.match(spamFeed.text, /Approved words/);
  });

  test('size and content type are checked before anything else', async ({ store }) => {
    const app = testApp(store);
    const clock = new Clock();
    const article = await seedArticle(store);
    const reader = new Reader(commentSite(app, clock));
    const token = await reader.token(article.path);
    clock.advance(5_000);
    const json = await reader.request('POST', `/articles/${article.id}/comments`, { body: JSON.stringify({ ...commentFields(), token }), headers: { 'content-type': 'application/json' } });
    assert.equal(json.status, 415);
    const plain = await reader.request('POST', `/articles/${article.id}/comments`, { body: 'comment=hi', headers: { 'content-type': 'text/plain' } });
    assert.equal(plain.status, 415);
    const none = await reader.request('POST', `/articles/${article.id}/comments`, { body: 'comment=hi' });
    assert.equal(none.status, 415);
    const huge = await reader.post(article.id, { ...commentFields({ comment: 'x'.repeat(200_000) }), token });
    assert.equal(huge.status, 413);
    assert.match(huge.text, /larger than this site accepts/);
    const multipart = new FormData();
    for (const [k, v] of Object.entries({ ...commentFields({ comment: 'Sent as multipart.' }), token })) multipart.append(k, v);
    const mp = await reader.request('POST', `/articles/${article.id}/comments`, { body: multipart });
    assert.equal(mp.status, 303, 'multipart/form-data is a form too');
    assert.equal((await reader.post(999_999, { ...commentFields(), token })).status, 404);
  });

  test('the shared page cache shows a new comment at once and never keeps a reader\'s page', async ({ store }) => {
    const app = testApp(store, { TOPSTORY_COMMENTS_MODERATION: 'hold-none' });
    const clock = new Clock();
    const article = await seedArticle(store);
    const web = commentSite(app, clock, { cache: true });
    const anyone = new Reader(web, '198.51.100.50');
    const first = await anyone.get(article.path);
    const cachedToken = /name="token" value="([^"]+)"/.exec(first.text)![1]!;
    assert.equal((await anyone.get(article.path)).text, first.text, 'the second request is served from the cache');
    clock.advance(5_000);
    const poster = new Reader(web);
    const res = await poster.post(article.id, { ...commentFields({ comment: 'Posted from a cached page.', remember: 'yes' }), token: cachedToken });
    assert.equal(res.status, 303, 'the token of the cached page is accepted');
    assert.ok(shownComments((await anyone.get(article.path)).text).includes(`${postedId(res)}:1`), 'the cached page shows the new comment at once');
    // The poster's own page (refilled form, delete link) must never be served to anyone else.
    const own = await poster.get(article.path);
    assert.match(own.text, /delete\?key=/);
    const later = await anyone.get(article.path);
    assert.doesNotMatch(later.text, /delete\?key=|ada\.private/, 'no reader\'s page leaked into the cache');
    // Held, then approved within the same millisecond as the page was cached: still shown at once.
    const held = postedId(await new Reader(web, '198.51.100.51').post(article.id, { ...commentFields({ comment: 'Links https://a.example https://b.example https://c.example', email: 'l@example.org' }), token: cachedToken }));
    assert.ok(!shownComments((await anyone.get(article.path)).text).includes(`${held}:1`), 'held: not shown');
    await moderateComment(store, held, 'approved', 'editor', clock.now());
    assert.ok(shownComments((await anyone.get(article.path)).text).includes(`${held}:1`), 'approved in the same millisecond: shown');
    const reply = await anyone.get(`${article.path}?replytocom=${postedId(res)}`);
    assert.match(section(reply.text), /<h3 id="reply-title"[^>]*>Reply to Ada Lovelace/);
    assert.doesNotMatch(section((await anyone.get(article.path)).text), /<h3 id="reply-title"[^>]*>Reply to/, 'the reply form was not cached for the article page');
  });

  test('the test email address appears in no page, feed, answer or log line', async ({ store }) => {
    const app = testApp(store, { TOPSTORY_COMMENTS_MODERATION: 'hold-none', TOPSTORY_COMMENTS_RATE_PER_EMAIL: '3' });
    const clock = new Clock();
    const article = await seedArticle(store);
    const web: Hono = commentSite(app, clock);
    const poster = new Reader(web);
    const id = postedId(await comment(poster, clock, article, { comment: 'Hello https://ok.example', url: 'https://ada.example' }));
    await comment(poster, clock, article, { comment: 'A reply', parent: String(id) });
    await comment(poster, clock, article, { comment: 'A reply', parent: String(id) });
    await comment(poster, clock, article, { comment: '' });
    await comment(poster, clock, article, { comment: 'third' });
    await comment(poster, clock, article, { comment: 'fourth, over the rate' });
    await comment(poster, clock, article, { comment: 'remember me', remember: 'yes' });
    const user = await createUser(store, 'editor', 'correct horse battery', T0);
    const key = await createApiKey(store, user.id, 'feeds', T0);
    const reader = new Reader(web, '198.51.100.60');
    for (const path of [article.path, `${article.path}?replytocom=${id}`, `/articles/${article.id}/comments/feed.xml`, '/', '/feed.xml']) await reader.get(path);
    for (const status of ['pending', 'approved', 'spam', 'trash']) await reader.get(`/admin/comments/feed.xml?status=${status}`, { authorization: `Bearer ${key}` });
    for (const path of [article.path, `/articles/${article.id}/comments/feed.xml`]) await poster.get(path);

    const answers = [...poster.answers, ...reader.answers];
    assert.ok(answers.length >= 20, `${answers.length} answers scanned`);
    const leaks: string[] = [];
    for (const a of answers) {
      // The only place the address may appear is the reader's own form field: what they typed, or saved, given back to them.
      const body = a.body.replace(new RegExp(`<input id="email" name="email"[^>]*value="${EMAIL.replace(/\./g, '\\.')}"[^>]*/>`, 'g'), '');
      const headers = [...a.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      if (body.toLowerCase().includes(EMAIL) || headers.toLowerCase().includes(EMAIL)) leaks.push(`${a.method} ${a.path} ${a.status}`);
    }
    assert.deepEqual(leaks, []);
    assert.ok(app.logs.length > 0, 'log lines were written');
    assert.deepEqual(app.logs.filter((line) => line.toLowerCase().includes(EMAIL)), [], 'no log line holds the address');
    assert.ok(answers.some((a) => a.status === 429) && answers.some((a) => a.status === 422) && answers.some((a) => a.status === 409), 'error answers were scanned too');
  });
});
