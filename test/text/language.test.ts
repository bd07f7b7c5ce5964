// The language identifier on a sentence or two of news in each language it knows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { articleLanguage, detectLanguage } from '../../src/text/language.js';

const samples: Array<{ lang: string; text: string }> = [
  { lang: 'de', text: 'Die Brücke wurde am Montag nach dem Sturm gesperrt, und die Züge fahren nicht mehr über den Fluss.' },
  { lang: 'en', text: 'The bridge was closed on Monday after the storm, and the trains are no longer running across the river.' },
  { lang: 'es', text: 'El puente fue cerrado el lunes después de la tormenta y los trenes ya no cruzan el río.' },
  { lang: 'fr', text: 'Le pont a été fermé lundi après la tempête et les trains ne traversent plus la rivière.' },
  { lang: 'it', text: 'Il ponte è stato chiuso lunedì dopo la tempesta e i treni non attraversano più il fiume.' },
  { lang: 'nl', text: 'De brug werd maandag na de storm gesloten en de treinen rijden niet meer over de rivier.' },
  { lang: 'pt', text: 'A ponte foi fechada na segunda-feira depois da tempestade e os trens não atravessam mais o rio.' },
  { lang: 'ru', text: 'Мост закрыли в понедельник после шторма, и поезда больше не ходят через реку.' },
];

describe('detectLanguage', () => {
  for (const s of samples) it(`tells ${s.lang}`, () => assert.equal(detectLanguage(s.text).lang, s.lang));
  it('says und for text without letters', () => assert.deepEqual(detectLanguage('12:30 — 2026'), { lang: 'und', confidence: 0 }));
});

describe('articleLanguage', () => {
  const cases: Array<{ name: string; given: string | null; expected: string }> = [
    { name: 'a given tag wins over detection', given: 'de', expected: 'de' },
    { name: 'a region subtag is dropped', given: 'en-GB', expected: 'en' },
    { name: 'no tag: detected', given: null, expected: 'fr' },
    { name: 'a malformed tag is ignored', given: '??', expected: 'fr' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(articleLanguage(c.given, 'Le pont est fermé', samples[3]!.text), c.expected));
});
