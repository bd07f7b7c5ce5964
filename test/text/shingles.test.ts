// Near-duplicate fingerprints: copies with small edits stay close, different texts do not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hammingDistance, sampleContainment, shingleFingerprints, shingles, shingleSample, simhash64 } from '../../src/text/shingles.js';

const base = Array.from({ length: 30 }, (_, i) => `Sentence ${i} tells how the harbour bridge of the old town was closed for repairs number ${i * 7}.`).join(' ');
const edited = `LISBON (Wire) — ${base} This story was provided by an agency.`;
const other = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} reports that the football club signed a young striker for season ${2000 + i}.`).join(' ');

describe('near-duplicate fingerprints', () => {
  it('a lightly edited copy has a close SimHash, another text a far one', () => {
    const a = simhash64(shingles(base));
    assert.ok(hammingDistance(a, simhash64(shingles(edited))) <= 6);
    assert.ok(hammingDistance(a, simhash64(shingles(other))) > 12);
  });
  it('containment of a copy is near 1, of another text near 0', () => {
    const a = shingleSample(shingles(base));
    assert.ok(sampleContainment(a, shingleSample(shingles(edited))) >= 0.9);
    assert.ok(sampleContainment(a, shingleSample(shingles(other))) <= 0.1);
  });
  const texts: Array<[string, string]> = [['a long text', base], ['an edited copy', edited], ['two words', 'Bridge closed'], ['one word', 'Closed'], ['nothing', ''], ['Cyrillic', 'Мост закрыт после удара судна']];
  for (const [name, text] of texts) {
    it(`fingerprints without shingle strings equal those from them: ${name}`, () => {
      const list = shingles(text);
      assert.deepEqual(shingleFingerprints(text), { count: list.length, sample: shingleSample(list), simhash: simhash64(list) });
    });
  }
  it('SimHash is 16 hex digits and stable', () => {
    assert.match(simhash64(shingles(base)), /^[0-9a-f]{16}$/);
    assert.equal(simhash64(shingles(base)), simhash64(shingles(base)));
  });
});
