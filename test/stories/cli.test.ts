// `topstory cluster`: JSON lines in, one `{id, story, duplicateOf?}` line out per article; bad lines
// are named by number on stderr with exit 1, bad flags exit 2.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/index.js';
import { sameEvent, wireCopy, wireOriginal } from './fixtures.js';

async function cluster(input: string, args: string[] = []): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const status = await runCli(['cluster', ...args], { stdin: Readable.from([input]), stdout, stderr, env: {}, cwd: process.cwd() });
  return { status, stdout: out, stderr: err };
}

describe('topstory cluster', () => {
  it('writes one line per article with the story and duplicateOf', async () => {
    const input = [wireOriginal, wireCopy, ...sameEvent].map((a) => JSON.stringify(a)).join('\n');
    const { status, stdout } = await cluster(`${input}\n`);
    assert.equal(status, 0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story: string; duplicateOf?: string });
    assert.deepEqual(lines.map((l) => l.id), ['wire-1', 'wire-1-copy', 'meridian-bridge', 'harbor-bridge']);
    assert.deepEqual(lines[1], { id: 'wire-1-copy', story: 'wire-1', duplicateOf: 'wire-1' });
    assert.ok(lines.every((l) => l.story === 'wire-1'));
    assert.ok(!('duplicateOf' in lines[0]!));
  });

  const bad: Array<{ name: string; input: string; message: RegExp; args?: string[]; status?: number }> = [
    { name: 'a line that is not JSON', input: `${JSON.stringify(wireOriginal)}\n{oops\n`, message: /^topstory: stories: line 2: not JSON/ },
    { name: 'a missing title', input: JSON.stringify({ id: 'x', text: 't', published: '2026-03-02T00:00:00Z' }), message: /^topstory: stories: line 1: title: / },
    { name: 'a date that is not a date', input: JSON.stringify({ id: 'x', title: 't', text: 't', published: 'yesterday' }), message: /^topstory: stories: line 1: published: is not a date/ },
    { name: 'an id seen twice', input: `${JSON.stringify(wireOriginal)}\n\n${JSON.stringify(wireOriginal)}`, message: /^topstory: stories: line 3: duplicate id "wire-1"/ },
    { name: 'a bad --window', input: '', args: ['--window', 'soon'], message: /^topstory: stories: --window must be/, status: 2 },
  ];
  for (const c of bad) {
    it(`reports ${c.name} on stderr and fails`, async () => {
      const { status, stderr } = await cluster(c.input, c.args);
      assert.equal(status, c.status ?? 1);
      assert.match(stderr, c.message);
      assert.equal(stderr.trim().split('\n').length, 1, 'one line, no stack trace');
    });
  }
});
