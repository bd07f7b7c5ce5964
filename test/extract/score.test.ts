// The extraction score of issue #4 (bench/extract-score.ts) and the truth it is computed against
// (bench/extract-truth.ts): the numbers in docs/benchmarks.md are only as good as these two.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageF1, scorePage, scoreSet, shingles, tokens } from '../../bench/extract-score.js';
import { haveReadabilityPages, htmlBlockText, readabilityCorrections, readabilityPages, sameField } from '../../bench/extract-truth.js';
import { decodePage } from '../../src/extract/index.js';

describe('extraction score', () => {
  it('tokens are runs of letters, digits and underscore, as written', () => {
    assert.deepEqual(tokens('Snake_case, 4-grams: Ünïcode ok!'), ['Snake_case', '4', 'grams', 'Ünïcode', 'ok']);
  });

  it('shingles are token 4-grams counted as a multiset', () => {
    const s = shingles('a b c d a b c d');
    assert.equal(s.size, 4, 'abcd, bcda, cdab, dabc');
    assert.equal([...s.values()].reduce((n, c) => n + c, 0), 5);
  });

  it('precision and recall per page follow TP, FP and FN of the multisets', () => {
    const score = scorePage('one two three four five six', 'one two three four five seven eight');
    // predicted 3 shingles, true 4; shared: "one two three four", "two three four five"
    assert.deepEqual({ tp: score.tp, fp: score.fp, fn: score.fn }, { tp: 2, fp: 1, fn: 2 });
    assert.equal(score.precision, 2 / 3);
    assert.equal(score.recall, 2 / 4);
    assert.equal(pageF1(score), (2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
  });

  it('an empty result scores zero where there is a body, and a body where there is none scores zero', () => {
    assert.deepEqual([scorePage('', 'a b c d e').precision, scorePage('', 'a b c d e').recall], [0, 0]);
    assert.deepEqual([scorePage('a b c d e', '').precision, scorePage('a b c d e', '').recall], [0, 0]);
    assert.deepEqual([scorePage('', '').precision, scorePage('', '').recall], [1, 1]);
  });

  it('F1 of a set is taken from the mean precision and the mean recall', () => {
    const set = scoreSet([
      { tp: 1, fp: 0, fn: 0, precision: 1, recall: 0.5 },
      { tp: 1, fp: 0, fn: 0, precision: 0.5, recall: 1 },
    ]);
    assert.deepEqual(set, { precision: 0.75, recall: 0.75, f1: 0.75 });
  });

  it('HTML is read as one line per block, inline elements joined as written', () => {
    assert.equal(htmlBlockText('<div><p>Z<b>imbabwe</b> is</p><p>next</p><ul><li>a</li><li>b</li></ul></div>'), 'Zimbabwe is\nnext\na\nb');
  });

  it('metadata: case, punctuation and "By" do not matter; a lead may be the truth cut short; dates are instants', () => {
    assert.ok(sameField('byline', 'Jane Doe', 'By JANE DOE'), 'byline folding');
    assert.ok(!sameField('byline', 'Jane Doe', 'John Doe'), 'different names');
    assert.ok(sameField('lead', 'One two three four five six seven eight nine ten.', 'One two three four five six seven eight…'), 'a truncated description');
    assert.ok(!sameField('lead', 'One two three.', 'One two three four five six seven eight nine'), 'too short to be sure');
    assert.ok(sameField('published', '2024-05-07T12:32:10.000Z', '2024-05-07T14:32:10+02:00'), 'same instant');
    assert.ok(sameField('title', null, null) && !sameField('title', 'A title', null), 'a value where the truth has none is wrong');
  });
});

describe('extraction truth for the Readability pages', { skip: haveReadabilityPages() ? false : 'no ../shared/data/extraction/readability-pages' }, () => {
  it('every correction names a page, says why, and applies (a stale selector is an error)', () => {
    const corrections = readabilityCorrections();
    for (const [name, fix] of Object.entries(corrections)) {
      for (const [field, override] of Object.entries(fix.metadata ?? {})) assert.ok(override.reason.length > 10, `${name}.${field} needs a reason`);
      if (fix.body) assert.ok(fix.body.reason.length > 10, `${name} body needs a reason`);
    }
    const pages = readabilityPages((bytes) => decodePage(bytes));
    assert.equal(pages.length, 130);
    // Corrections stay the exception: the reference is Readability's output, corrected where it is wrong.
    for (const field of ['title', 'byline', 'published', 'lead'] as const) {
      const overridden = pages.filter((p) => p.overridden[field]).length;
      assert.ok(overridden <= pages.length / 5, `${field}: ${overridden} pages overridden`);
    }
    const bodies = pages.filter((p) => p.overridden.body).length;
    assert.ok(bodies <= pages.length / 3, `body: ${bodies} pages corrected`);
  });

  it('the truth leaves out the headline and keeps the body', () => {
    const page = readabilityPages((bytes) => decodePage(bytes)).find((p) => p.name === 'title-and-h1-discrepancy')!;
    assert.ok(!page.body.includes('But the final text here is different'), 'the page\'s <h1> is its headline');
    assert.ok(page.body.includes('Lorem ipsum'), 'the body is there');
  });
});
