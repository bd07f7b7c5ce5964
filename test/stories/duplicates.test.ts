// Duplicate detection on its own: what counts as a copy, and what a copy points at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticle, normalizeArticleUrl } from '../../src/stories/article.js';
import { DuplicateIndex } from '../../src/stories/duplicates.js';
import { at, sameEvent, wireCopy, wireOriginal } from './fixtures.js';

function originals(inputs: Parameters<typeof analyzeArticle>[0][]): Array<string | undefined> {
  const index = new DuplicateIndex();
  return inputs.map((input) => {
    const article = analyzeArticle(input);
    const match = index.find(article);
    index.add(article, match?.originalId);
    return match?.originalId;
  });
}

describe('duplicates', () => {
  const cases: Array<{ name: string; inputs: Parameters<typeof analyzeArticle>[0][]; expected: Array<string | undefined> }> = [
    { name: 'a wire copy with a dateline and credit line is a copy', inputs: [wireOriginal, wireCopy], expected: [undefined, 'wire-1'] },
    {
      name: 'a copy of a copy points at the original',
      inputs: [wireOriginal, wireCopy, { ...wireCopy, id: 'third', url: 'https://third.example/x', source: 'third' }],
      expected: [undefined, 'wire-1', 'wire-1'],
    },
    { name: 'another outlet\'s own report of the event is not a copy', inputs: [wireOriginal, sameEvent[0]!], expected: [undefined, undefined] },
    {
      name: 'the same headline with a mostly shared text is a copy',
      inputs: [wireOriginal, { ...wireOriginal, id: 'short', url: 'https://short.example/a', text: wireOriginal.text.split('\n').slice(0, 3).join('\n') }],
      expected: [undefined, 'wire-1'],
    },
    {
      name: 'a copy published after the seven-day window is not matched',
      inputs: [wireOriginal, { ...wireCopy, published: at(24 * 8) }],
      expected: [undefined, undefined],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(originals(c.inputs), c.expected));
});

describe('normalizeArticleUrl', () => {
  const cases: Array<[string, string | undefined]> = [
    ['https://www.Example.com/a/b/?utm_source=x&id=2#top', 'example.com/a/b?id=2'],
    ['http://example.com/a?b=2&a=1', 'example.com/a?a=1&b=2'],
    ['ftp://example.com/file', undefined],
    ['not a url', undefined],
  ];
  for (const [url, expected] of cases) it(url, () => assert.equal(normalizeArticleUrl(url), expected));
});
