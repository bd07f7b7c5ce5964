// Tokens and stems: the forms of one word meet, sentence starts are marked, abbreviations are not ends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stem, tokenize } from '../../src/text/tokens.js';
import { addTermCounts, termCounts, termNumbering } from '../../src/text/terms.js';

describe('stem', () => {
  const cases: Array<[string, string, string]> = [
    ['bridges', 'bridge', 'en'], ['closed', 'closing', 'en'], ['stopped', 'stop', 'en'], ['cities', 'city', 'en'],
    ['мосту', 'мост', 'ru'], ['Приозерья'.toLowerCase(), 'приозерье', 'ru'],
  ];
  for (const [a, b, lang] of cases) it(`${a} and ${b} share a stem`, () => assert.equal(stem(a, lang), stem(b, lang)));
  it('keeps "news" and "bus" whole', () => {
    assert.equal(stem('bus', 'en'), 'bus');
    assert.notEqual(stem('news', 'en'), stem('new', 'en'));
  });
});

describe('tokenize', () => {
  it('marks sentence starts but not after "Gov."', () => {
    const tokens = tokenize('Gov. Sarah Palin spoke. Then she left.');
    assert.deepEqual(tokens.filter((t) => t.sentenceStart).map((t) => t.surface), ['Gov', 'Then']);
  });
  it('drops possessives and keeps hyphenated words whole', () => {
    assert.deepEqual(tokenize("Lisbon's twenty-five bridges").map((t) => t.word), ['lisbon', 'twenty-five', 'bridges']);
  });
  const words: Array<[string, string, string[]]> = [
    ['combining marks stay in the word', 'Cafe\u0301 opens', ['cafe\u0301', 'opens']],
    ['letters outside the basic plane are letters', 'the 𝒜 team', ['the', '𝒜', 'team']],
    ['a joiner not followed by a letter ends the word', "rock- and 3. o'", ['rock', 'and', '3', 'o']],
    ['curly apostrophes fold to straight ones', 'O’Brien’s rock’n’roll', ["o'brien", "rock'n'roll"]],
    ['dots inside numbers and abbreviations', 'U.S. 3.5 km', ['u.s', '3.5', 'km']],
    ['Cyrillic words', 'Мост «Крымский» закрыт', ['мост', 'крымский', 'закрыт']],
  ];
  for (const [name, text, expected] of words) it(name, () => assert.deepEqual(tokenize(text).map((t) => t.word), expected));
});

describe('termCounts', () => {
  it('drops stopwords and short numbers, stems the rest', () => {
    assert.deepEqual([...termCounts('The bridges of the city: 3 bridges closed in 2026', 'en')], [['bridg', 2], ['city', 1], ['clos', 1], ['2026', 1]]);
  });
  it('numbers each term, the same number for the same term in any text, in the order of the map', () => {
    const a = termCounts('Bridges closed: the bridge over the river closed', 'en');
    const b = termCounts('The river rose; the city closed its bridges', 'en');
    const na = termNumbering(a)!;
    const nb = termNumbering(b)!;
    assert.equal(na.numbers.length, a.size);
    assert.equal(new Set(na.numbers).size, a.size);
    const numberOf = (counts: Map<string, number>, numbers: readonly number[], term: string) => numbers[[...counts.keys()].indexOf(term)];
    for (const term of ['bridg', 'river', 'clos']) assert.equal(numberOf(a, na.numbers, term), numberOf(b, nb.numbers, term), term);
    assert.notEqual(numberOf(b, nb.numbers, 'city'), numberOf(b, nb.numbers, 'river'));
  });
  it('has no numbering for a map it did not make, or one changed since', () => {
    assert.equal(termNumbering(new Map([['bridg', 1]])), undefined);
    assert.equal(termNumbering(addTermCounts(new Map(), 'bridges', 'en')), undefined);
    const counts = termCounts('bridges closed', 'en');
    counts.set('ferri', 1);
    assert.equal(termNumbering(counts), undefined);
  });
});
