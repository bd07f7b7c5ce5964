// The CLI as a user meets it: help, usage errors (exit 2, one line on stderr), config, and the
// commands that manage the database, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runTopstory } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';
import { startDemoOutlets } from '../../demo/server.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('cli usage', () => {
  const cases: Array<{ name: string; args: string[]; env?: Record<string, string>; status: number; stdout?: RegExp; stderr?: RegExp }> = [
    { name: '--help lists every command', args: ['--help'], status: 0, stdout: /add-source URL[\s\S]*ingest[\s\S]*migrate[\s\S]*serve[\s\S]*sources[\s\S]*user add NAME/ },
    { name: '--version prints the package version', args: ['--version'], status: 0, stdout: new RegExp(`^${version.replace(/\./g, '\\.')}\\n$`) },
    { name: 'no command prints usage and exits 2', args: [], status: 2, stdout: /Usage: topstory <command>/ },
    { name: 'unknown command', args: ['frobnicate'], status: 2, stderr: /^topstory: cli: unknown command "frobnicate"; run topstory --help for the list\n$/ },
    { name: 'unknown flag', args: ['migrate', '--force'], status: 2, stderr: /^topstory: cli: Unknown option '--force'.*usage: topstory migrate\n$/ },
    { name: 'missing argument', args: ['add-source'], status: 2, stderr: /^topstory: cli: wrong number of arguments; usage: topstory add-source URL/ },
    { name: 'command help', args: ['add-source', '--help'], status: 0, stdout: /Usage: topstory add-source URL \[--name N\]/ },
    { name: 'bad port names the variable and what is allowed', args: ['config'], env: { TOPSTORY_PORT: 'eighty' }, status: 2, stderr: /^topstory: config: TOPSTORY_PORT="eighty" is not allowed .*allowed: an integer from 0 to 65535\n$/ },
    { name: 'bad database URL', args: ['config'], env: { TOPSTORY_DATABASE_URL: 'mysql://x' }, status: 2, stderr: /TOPSTORY_DATABASE_URL=\(hidden\) is not allowed.*postgres:\/\//s },
    { name: 'bad log level', args: ['config'], env: { TOPSTORY_LOG_LEVEL: 'loud' }, status: 2, stderr: /TOPSTORY_LOG_LEVEL="loud" is not allowed.*allowed: fatal, error, warn, info, debug, trace, silent/ },
    { name: 'short secret', args: ['config'], env: { TOPSTORY_SECRET: 'abc' }, status: 2, stderr: /TOPSTORY_SECRET=\(hidden\) is not allowed \(must be at least 32 characters\)/ },
    { name: 'bad base URL', args: ['config'], env: { TOPSTORY_BASE_URL: 'ftp://x' }, status: 2, stderr: /TOPSTORY_BASE_URL="ftp:\/\/x" is not allowed/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const result = await runTopstory(c.args, { env: c.env });
      assert.equal(result.status, c.status, result.stderr);
      if (c.stdout) assert.match(result.stdout, c.stdout);
      if (c.stderr) assert.match(result.stderr, c.stderr);
      if (c.status !== 0 && c.stderr) assert.equal(result.stderr.trim().split('\n').length, 1, 'errors are one line');
    });
  }

  it('config hides secrets, reads *_FILE, and shows the derived base URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topstory-cli-'));
    writeFileSync(join(dir, 'secret'), 'x'.repeat(40) + '\n');
    const result = await runTopstory(['config'], { env: { TOPSTORY_SECRET_FILE: join(dir, 'secret'), TOPSTORY_PORT: '8080', TOPSTORY_DATABASE_URL: 'postgres://u:pw@127.0.0.1/db' } });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^TOPSTORY_SECRET=\(set, hidden\)$/m);
    assert.match(result.stdout, /^TOPSTORY_DATABASE_URL=\(set, hidden\)$/m);
    assert.doesNotMatch(result.stdout, /xxxxxxxx|pw@/);
    assert.match(result.stdout, /base URL in effect: http:\/\/127\.0\.0\.1:8080/);
    const missing = await runTopstory(['config'], { env: { TOPSTORY_SECRET_FILE: join(dir, 'nope') } });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^topstory: config: TOPSTORY_SECRET_FILE: cannot read .*ENOENT/);
  });

  it('README documents every setting exactly as the table says', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = (await runTopstory(['config', '--markdown'])).stdout.trim();
    assert.ok(readme.includes(table), 'README.md configuration table is out of date: paste `npx topstory config --markdown`');
  });
});

describeEachDatabase('cli with a database', (test) => {
  test('migrate, user add, add-source, sources', async ({ database }) => {
    const env = { ...database.env, TOPSTORY_DATABASE_URL: database.env.TOPSTORY_DATABASE_URL ?? '' };
    const migrated = await runTopstory(['migrate'], { env });
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.equal(migrated.stdout, 'schema is current\n', 'the harness migrated already');

    const noPassword = await runTopstory(['user', 'add', 'editor'], { env });
    assert.equal(noPassword.status, 2);
    assert.match(noPassword.stderr, /no password on standard input/);
    const user = await runTopstory(['user', 'add', 'editor'], { env, stdin: 'a long enough password\n' });
    assert.equal(user.status, 0, user.stderr);
    const again = await runTopstory(['user', 'add', 'editor'], { env, stdin: 'a long enough password\n' });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /^topstory: store: user "editor" already exists\n$/);
    assert.equal((await runTopstory(['user', 'remove', 'editor'], { env })).status, 2);

    const empty = await runTopstory(['sources'], { env });
    assert.match(empty.stdout, /no sources yet/);
    for (const [args, pattern] of [
      [['add-source', 'not a url'], /is not a URL/],
      [['add-source', 'file:///etc/passwd'], /not an http\(s\) URL/],
      [['add-source', 'https://u:p@news.example/feed'], /user name or password/],
      [['add-source', 'https://news.example/feed', '--display', 'everything'], /--display must be one of excerpt, full/],
    ] as const) {
      const bad = await runTopstory([...args], { env });
      assert.equal(bad.status, 2, bad.stderr);
      assert.match(bad.stderr, pattern);
    }

    const demo = await startDemoOutlets({ shiftTo: null, growth: null, delayMs: 0, failEvery: 0 });
    try {
      const site = (slug: string) => demo.outlets.find((o) => o.slug === slug)!;
      // The fetcher refuses loopback unless the operator allows it.
      const refused = await runTopstory(['add-source', site('meridian').feedUrl], { env });
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /^topstory: fetch: .*127\.0\.0\.1.*TOPSTORY_FETCH_ALLOW_PRIVATE/);
      const open = { ...env, TOPSTORY_FETCH_ALLOW_PRIVATE: '127.0.0.1/32' };
      const added = await runTopstory(['add-source', site('meridian').feedUrl, '--display', 'full'], { env: open });
      assert.equal(added.status, 0, added.stderr);
      assert.match(added.stdout, /found atom "Meridian News" with \d+ items; latest:\n {2}- /);
      assert.match(added.stdout, /added source "Meridian News" \(meridian-news\): feed http:\/\/127\.0\.0\.1:\d+\/atom\.xml, shown as full/);
      const duplicate = await runTopstory(['add-source', site('meridian').feedUrl], { env: open });
      assert.equal(duplicate.status, 1);
      assert.match(duplicate.stderr, /already a source \("Meridian News"\)/);
      const page = await runTopstory(['add-source', site('northfield').homeUrl, '--name', 'Northfield'], { env: open });
      assert.equal(page.status, 0, page.stderr);
      assert.match(page.stdout, /is a page; it links to 1 feed\(s\)/);
      assert.match(page.stdout, /added source "Northfield" \(northfield\): feed .*\/index\.rdf/);
      const sitemap = await runTopstory(['add-source', site('metro-pulse').feedUrl], { env: open });
      assert.equal(sitemap.status, 0, sitemap.stderr);
      assert.match(sitemap.stdout, /: sitemap http/);
      const missing = await runTopstory(['add-source', site('meridian').baseUrl + '/no/such/feed.xml'], { env: open });
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /^topstory: fetch: .*404/);
    } finally {
      await demo.close();
    }

    const listed = await runTopstory(['sources'], { env });
    assert.equal(listed.status, 0);
    assert.match(listed.stdout, /Meridian News \(meridian-news\) — feed http:\/\/127\.0\.0\.1:\d+\/atom\.xml\n {2}health: not checked yet/);
    const json = (await runTopstory(['sources', '--json'], { env })).stdout.trim().split('\n').map((l) => JSON.parse(l) as { slug: string; health: string; articles: number });
    assert.deepEqual(json.map((s) => [s.slug, s.health, s.articles]), [['meridian-news', 'new', 0], ['metro-pulse', 'new', 0], ['northfield', 'new', 0]]);
  });
});
