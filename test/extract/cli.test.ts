// `topstory extract FILE… [--url URL]` as a user runs it: one JSON line per file with the contract's
// keys, `{file, error}` for a file that cannot be read or extracted, and exit status 1 if any failed.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runTopstory } from '../support/cli.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/extract/${name}`, import.meta.url));
const KEYS = ['file', 'url', 'title', 'byline', 'published', 'modified', 'lead', 'siteName', 'lang', 'image', 'canonical', 'text', 'html', 'wordCount'];

describe('topstory extract', () => {
  it('prints one JSON line per file with the contract keys, in order', async () => {
    const result = await runTopstory(['extract', fixture('jsonld-news.html'), fixture('windows-1251.html'), '--url', 'https://www.meridianledger.example/x']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.deepEqual(Object.keys(lines[0]!), KEYS);
    assert.equal(lines[0]!.title, 'Harbour cranes fall silent as dock workers strike for a second week');
    assert.equal(lines[0]!.url, 'https://www.meridianledger.example/x');
    assert.equal(lines[1]!.title, 'Паводок на Ладоге: в Приозерске подтоплены три улицы');
    assert.equal(typeof lines[1]!.wordCount, 'number');
  });

  it('a missing file and a hostile page are error lines, the good file still prints, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topstory-extract-'));
    const deep = join(dir, 'deep.html');
    writeFileSync(deep, '<div>'.repeat(20_000));
    const result = await runTopstory(['extract', join(dir, 'missing.html'), deep, fixture('meta-charset-latin1.html')]);
    assert.equal(result.status, 1);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines[0], { file: join(dir, 'missing.html'), error: 'no such file' });
    assert.equal(lines[1]!.file, deep);
    assert.match(String(lines[1]!.error), /nests elements more than \d+ deep/);
    assert.equal(lines[2]!.title, 'Fête de la musique : la ville prépare vingt scènes');
  });

  it('a bad --url is a usage error (exit 2)', async () => {
    const result = await runTopstory(['extract', fixture('jsonld-news.html'), '--url', 'ftp://x']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^topstory: cli: --url must be an http\(s\) URL\n$/);
  });
});
