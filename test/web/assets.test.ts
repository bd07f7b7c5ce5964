// The budgets for what every page carries: all JavaScript together ≤ 5 KB, CSS ≤ 20 KB; and
// the script is served with a content hash in its URL and a year-long cache lifetime.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteCss as baseCss } from '../../src/web/assets/site-css.js';
import { commentsCss } from '../../src/web/views/comments.js';
import { SITE_JS_PATH, siteJs } from '../../src/web/assets/site-js.js';
import { createWeb } from '../../src/web/server.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { freshSqlite } from '../support/databases.js';
import { migrate } from '../../src/store/migrations.js';

const siteCss = baseCss + commentsCss;

test('CSS and JavaScript stay within their budgets', () => {
  assert.ok(Buffer.byteLength(siteCss) <= 20 * 1024, `CSS is ${Buffer.byteLength(siteCss)} bytes`);
  assert.ok(Buffer.byteLength(siteJs) <= 5 * 1024, `JavaScript is ${Buffer.byteLength(siteJs)} bytes`);
});

test('the script is served immutable under its content hash', async () => {
  const db = freshSqlite();
  const store = db.open();
  try {
    await migrate(store);
    const web = createWeb({ config: loadConfig({}), store, log: createLogger('silent'), secret: 'x'.repeat(32), close: async () => {} });
    const res = await web.request(SITE_JS_PATH);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(await res.text(), siteJs);
    assert.equal((await web.request('/assets/site-000000000000.js')).status, 404, 'an old hash is not served');
  } finally {
    await store.close();
    await db.drop();
  }
});
