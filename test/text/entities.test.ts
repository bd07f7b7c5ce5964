// Entities a topic page would be built from: people, places (adjectives map to countries),
// organisations, in English and Russian.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractEntities, learnGazetteerEntries, type Entity } from '../../src/text/entities.js';
import { Gazetteer } from '../../src/text/gazetteer.js';
import { slugify } from '../../src/text/slug.js';

const has = (entities: Entity[], kind: Entity['kind'], slug: string): boolean => entities.some((e) => e.kind === kind && e.slug === slug);

describe('extractEntities', () => {
  const cases: Array<{ name: string; title: string; text: string; lang: string; expect: Array<[Entity['kind'], string]>; absent?: string[] }> = [
    {
      name: 'an adjective maps to its country and a cued name is a person',
      title: 'Kazakh President Tokayev meets investors in Astana',
      text: 'The Kazakh leader, Kassym-Jomart Tokayev, told the investors on Monday that the IMF had praised reforms.',
      lang: 'en',
      expect: [['place', 'kazakhstan'], ['person', 'kassym-jomart-tokayev'], ['place', 'astana'], ['org', 'international-monetary-fund']],
    },
    {
      name: 'organisation and place suffixes type unknown names; weekdays are not names',
      title: 'Fire at Wasilla Bible Church',
      text: 'Monday. A fire damaged the Wasilla Bible Church near Lake Lucille on Friday, the Alaska State Troopers said.',
      lang: 'en',
      expect: [['org', 'wasilla-bible-church'], ['place', 'lake-lucille']],
      absent: ['monday', 'friday'],
    },
    {
      name: 'a lone surname counts for the full name mentioned before',
      title: 'Lohan checks into rehab',
      text: 'Actress Lindsay Lohan checked into the Betty Ford Center on Friday. Lohan was ordered there by a judge.',
      lang: 'en',
      expect: [['person', 'lindsay-lohan'], ['org', 'betty-ford-center']],
    },
    {
      name: 'Russian inflected names map to the same places',
      title: 'Президент Казахстана прибыл в Москву',
      text: 'В среду президент Казахстана Касым-Жомарт Токаев прибыл в Москву, где встретится с руководством России.',
      lang: 'ru',
      expect: [['place', 'kazakhstan'], ['place', 'moscow'], ['place', 'russia'], ['person', 'kasym-zhomart-tokaev']],
    },
    {
      name: 'an all-capital alias must be written in capitals ("us" is not the United States)',
      title: 'Join us for the festival',
      text: 'Tell us what you think, the organisers wrote.',
      lang: 'en',
      expect: [],
      absent: ['united-states'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const entities = extractEntities(c.title, c.text, c.lang);
      for (const [kind, slug] of c.expect) assert.ok(has(entities, kind, slug), `${kind}:${slug} in ${JSON.stringify(entities)}`);
      for (const slug of c.absent ?? []) assert.ok(!entities.some((e) => e.slug === slug), `${slug} absent`);
    });
  }

  it('counts mentions and sorts the most mentioned first', () => {
    const entities = extractEntities('Germany and France talk', 'German and French ministers met in Berlin. Germany wants more.', 'en');
    assert.deepEqual(entities[0], { kind: 'place', name: 'Germany', slug: 'germany', count: 3 });
  });

  it('a gazetteer grown from the corpus types a name seen in several articles', () => {
    const seen = Array.from({ length: 3 }, () => extractEntities('Mayor Jane Doe speaks', 'Mayor Jane Doe spoke to reporters.', 'en'));
    const learned = learnGazetteerEntries(seen);
    assert.deepEqual(learned, [{ alias: 'Jane Doe', kind: 'person', name: 'Jane Doe' }]);
    const gazetteer = new Gazetteer();
    gazetteer.extend(learned);
    // Sentence-initial in a Title Case headline, a name is only trusted when the gazetteer knows it.
    const entities = extractEntities('Jane Doe Opens New Harbour Wall', '', 'en', gazetteer);
    assert.ok(has(entities, 'person', 'jane-doe'), JSON.stringify(entities));
  });
});

describe('slugify', () => {
  const cases: Array<[string, string]> = [['São Paulo', 'sao-paulo'], ['Москва', 'moskva'], ["Côte d'Ivoire", 'cote-divoire'], ['  U.S.  ', 'u-s']];
  for (const [name, slug] of cases) it(`${name} → ${slug}`, () => assert.equal(slugify(name), slug));
});
