// Names we know the kind of before reading any article: countries (with the adjectives and
// demonyms that point at them: "Kazakh" → Kazakhstan), capitals and large cities, and large
// organisations, in English and Russian. `Gazetteer` also learns names from our own corpus.

/** What a named entity is. */
export type EntityKind = 'person' | 'place' | 'org';

/** One name (or alias) and what it stands for. */
export interface GazetteerEntry {
  /** The name as written in text, e.g. "Kazakh", "UN", "Германии" (inflected forms match by stem). */
  alias: string;
  kind: EntityKind;
  /** The canonical display name, e.g. "Kazakhstan", "United Nations". */
  name: string;
}

// Countries: canonical name, then aliases (adjectives, demonyms, short forms). Sorted by name.
const countries: ReadonlyArray<readonly [string, ...string[]]> = [
  ['Afghanistan', 'Afghan', 'Afghans'],
  ['Albania', 'Albanian'],
  ['Algeria', 'Algerian'],
  ['Angola', 'Angolan'],
  ['Argentina', 'Argentine', 'Argentinian'],
  ['Armenia', 'Armenian'],
  ['Australia', 'Australian', 'Australians'],
  ['Austria', 'Austrian'],
  ['Azerbaijan', 'Azerbaijani'],
  ['Bahrain', 'Bahraini'],
  ['Bangladesh', 'Bangladeshi'],
  ['Belarus', 'Belarusian'],
  ['Belgium', 'Belgian'],
  ['Bolivia', 'Bolivian'],
  ['Bosnia and Herzegovina', 'Bosnia', 'Bosnian'],
  ['Brazil', 'Brazilian', 'Brazilians'],
  ['Bulgaria', 'Bulgarian'],
  ['Burkina Faso', 'Burkinabe'],
  ['Cambodia', 'Cambodian'],
  ['Cameroon', 'Cameroonian'],
  ['Canada', 'Canadian', 'Canadians'],
  ['Chile', 'Chilean'],
  ['China', 'Chinese', 'PRC'],
  ['Colombia', 'Colombian'],
  ['Costa Rica', 'Costa Rican'],
  ['Croatia', 'Croatian'],
  ['Cuba', 'Cuban'],
  ['Cyprus', 'Cypriot'],
  ['Czech Republic', 'Czech', 'Czechia'],
  ['Democratic Republic of the Congo', 'DR Congo', 'DRC', 'Congolese'],
  ['Denmark', 'Danish'],
  ['Dominican Republic', 'Dominican'],
  ['Ecuador', 'Ecuadorian'],
  ['Egypt', 'Egyptian', 'Egyptians'],
  ['Estonia', 'Estonian'],
  ['Ethiopia', 'Ethiopian'],
  ['Finland', 'Finnish'],
  ['France', 'French'],
  ['Georgia', 'Georgian'],
  ['Germany', 'German', 'Germans'],
  ['Ghana', 'Ghanaian'],
  ['Greece', 'Greek'],
  ['Guatemala', 'Guatemalan'],
  ['Haiti', 'Haitian'],
  ['Honduras', 'Honduran'],
  ['Hungary', 'Hungarian'],
  ['Iceland', 'Icelandic'],
  ['India', 'Indian', 'Indians'],
  ['Indonesia', 'Indonesian'],
  ['Iran', 'Iranian', 'Iranians'],
  ['Iraq', 'Iraqi', 'Iraqis'],
  ['Ireland', 'Irish'],
  ['Israel', 'Israeli', 'Israelis'],
  ['Italy', 'Italian', 'Italians'],
  ['Ivory Coast', "Côte d'Ivoire", 'Ivorian'],
  ['Jamaica', 'Jamaican'],
  ['Japan', 'Japanese'],
  ['Jordan', 'Jordanian'],
  ['Kazakhstan', 'Kazakh', 'Kazakhstani'],
  ['Kenya', 'Kenyan'],
  ['Kosovo', 'Kosovar'],
  ['Kuwait', 'Kuwaiti'],
  ['Kyrgyzstan', 'Kyrgyz'],
  ['Laos', 'Lao'],
  ['Latvia', 'Latvian'],
  ['Lebanon', 'Lebanese'],
  ['Libya', 'Libyan'],
  ['Lithuania', 'Lithuanian'],
  ['Luxembourg'],
  ['Madagascar', 'Malagasy'],
  ['Malaysia', 'Malaysian'],
  ['Mali', 'Malian'],
  ['Malta', 'Maltese'],
  ['Mexico', 'Mexican', 'Mexicans'],
  ['Moldova', 'Moldovan'],
  ['Mongolia', 'Mongolian'],
  ['Montenegro', 'Montenegrin'],
  ['Morocco', 'Moroccan'],
  ['Mozambique', 'Mozambican'],
  ['Myanmar', 'Burma', 'Burmese'],
  ['Nepal', 'Nepali', 'Nepalese'],
  ['Netherlands', 'Dutch', 'Holland'],
  ['New Zealand', 'New Zealander'],
  ['Niger', 'Nigerien'],
  ['Nigeria', 'Nigerian'],
  ['North Korea', 'North Korean', 'DPRK'],
  ['North Macedonia', 'Macedonian'],
  ['Norway', 'Norwegian'],
  ['Oman', 'Omani'],
  ['Pakistan', 'Pakistani'],
  ['Panama', 'Panamanian'],
  ['Paraguay', 'Paraguayan'],
  ['Peru', 'Peruvian'],
  ['Philippines', 'Filipino', 'Philippine'],
  ['Poland', 'Polish'],
  ['Portugal', 'Portuguese'],
  ['Qatar', 'Qatari'],
  ['Romania', 'Romanian'],
  ['Russia', 'Russian', 'Russians', 'Russian Federation'],
  ['Rwanda', 'Rwandan'],
  ['Saudi Arabia', 'Saudi', 'Saudis'],
  ['Senegal', 'Senegalese'],
  ['Serbia', 'Serbian'],
  ['Singapore', 'Singaporean'],
  ['Slovakia', 'Slovak'],
  ['Slovenia', 'Slovenian'],
  ['Somalia', 'Somali'],
  ['South Africa', 'South African'],
  ['South Korea', 'South Korean', 'Korea'],
  ['Spain', 'Spanish'],
  ['Sri Lanka', 'Sri Lankan'],
  ['Sudan', 'Sudanese'],
  ['Sweden', 'Swedish'],
  ['Switzerland', 'Swiss'],
  ['Syria', 'Syrian', 'Syrians'],
  ['Taiwan', 'Taiwanese'],
  ['Tajikistan', 'Tajik'],
  ['Tanzania', 'Tanzanian'],
  ['Thailand', 'Thai'],
  ['Tunisia', 'Tunisian'],
  ['Turkey', 'Turkish', 'Türkiye'],
  ['Turkmenistan', 'Turkmen'],
  ['Uganda', 'Ugandan'],
  ['Ukraine', 'Ukrainian', 'Ukrainians'],
  ['United Arab Emirates', 'UAE', 'Emirati'],
  ['United Kingdom', 'UK', 'Britain', 'British', 'Great Britain', 'U.K.'],
  ['United States', 'US', 'U.S.', 'USA', 'America', 'American', 'Americans', 'United States of America'],
  ['Uruguay', 'Uruguayan'],
  ['Uzbekistan', 'Uzbek'],
  ['Venezuela', 'Venezuelan'],
  ['Vietnam', 'Vietnamese'],
  ['Yemen', 'Yemeni'],
  ['Zambia', 'Zambian'],
  ['Zimbabwe', 'Zimbabwean'],
];

// Capitals, large cities and regions that news names without their country. Sorted.
const places: readonly string[] = [
  'Abu Dhabi', 'Africa', 'Almaty', 'Amsterdam', 'Ankara', 'Antarctica', 'Arctic', 'Astana', 'Athens',
  'Atlanta', 'Baghdad', 'Baku', 'Bangkok', 'Barcelona', 'Beijing', 'Beirut', 'Belgrade', 'Berlin', 'Bern',
  'Boston', 'Brussels', 'Bucharest', 'Budapest', 'Buenos Aires', 'Cairo', 'California', 'Cape Town',
  'Chicago', 'Copenhagen', 'Crimea', 'Damascus', 'Delhi', 'Dhaka', 'Dubai', 'Dublin', 'Europe', 'Florida',
  'Frankfurt', 'Gaza', 'Geneva', 'Hamburg', 'Hanoi', 'Havana', 'Helsinki', 'Hong Kong', 'Houston',
  'Islamabad', 'Istanbul', 'Jakarta', 'Jerusalem', 'Johannesburg', 'Kabul', 'Karachi', 'Kyiv', 'Kiev',
  'Kinshasa', 'Lagos', 'Las Vegas', 'Lima', 'Lisbon', 'London', 'Los Angeles', 'Madrid', 'Manila',
  'Melbourne', 'Mexico City', 'Miami', 'Middle East', 'Milan', 'Minsk', 'Montreal', 'Moscow', 'Mumbai',
  'Munich', 'Nairobi', 'New Delhi', 'New York', 'New York City', 'Oslo', 'Ottawa', 'Paris', 'Prague',
  'Pyongyang', 'Riga', 'Rio de Janeiro', 'Riyadh', 'Rome', 'San Francisco', 'Santiago', 'Sao Paulo',
  'Seattle', 'Seoul', 'Shanghai', 'Silicon Valley', 'St Petersburg', 'St. Petersburg', 'Stockholm',
  'Sydney', 'Taipei', 'Tallinn', 'Tashkent', 'Tbilisi', 'Tehran', 'Tel Aviv', 'Texas', 'Tokyo', 'Toronto',
  'Vancouver', 'Vienna', 'Vilnius', 'Warsaw', 'Washington', 'Wellington', 'West Bank', 'Yerevan', 'Zurich',
];

// Large organisations: canonical name, then aliases. Sorted by name.
const organisations: ReadonlyArray<readonly [string, ...string[]]> = [
  ['Airbus'],
  ['Amazon'],
  ['Apple'],
  ['Associated Press', 'AP'],
  ['BBC'],
  ['Boeing'],
  ['CIA'],
  ['CNN'],
  ['European Central Bank', 'ECB'],
  ['European Commission'],
  ['European Union', 'EU'],
  ['FBI'],
  ['Facebook', 'Meta'],
  ['Federal Reserve', 'Fed'],
  ['Gazprom'],
  ['Google', 'Alphabet'],
  ['Hamas'],
  ['Hezbollah'],
  ['IBM'],
  ['Intel'],
  ['International Monetary Fund', 'IMF'],
  ['Kremlin'],
  ['Microsoft'],
  ['NASA'],
  ['NATO', 'Nato'],
  ['OPEC', 'Opec'],
  ['Pentagon'],
  ['Red Cross'],
  ['Reuters'],
  ['Samsung'],
  ['Taliban'],
  ['Tesla'],
  ['United Nations', 'UN', 'U.N.'],
  ['White House'],
  ['World Bank'],
  ['World Health Organization', 'WHO'],
  ['World Trade Organization', 'WTO'],
];

// Russian names (inflected forms match by stem, see entityKey). Canonical names are English so that
// Russian and English coverage of a place share a topic slug. Sorted by alias.
const russian: ReadonlyArray<readonly [alias: string, kind: EntityKind, name: string]> = [
  ['Австрия', 'place', 'Austria'], ['Азербайджан', 'place', 'Azerbaijan'], ['Алматы', 'place', 'Almaty'],
  ['Америка', 'place', 'United States'], ['Армения', 'place', 'Armenia'], ['Астана', 'place', 'Astana'],
  ['Беларусь', 'place', 'Belarus'], ['Берлин', 'place', 'Berlin'], ['Великобритания', 'place', 'United Kingdom'],
  ['Газпром', 'org', 'Gazprom'], ['Германия', 'place', 'Germany'], ['Госдума', 'org', 'State Duma'],
  ['Грузия', 'place', 'Georgia'], ['Европа', 'place', 'Europe'], ['Евросоюз', 'org', 'European Union'],
  ['Израиль', 'place', 'Israel'], ['Индия', 'place', 'India'], ['Иран', 'place', 'Iran'],
  ['Испания', 'place', 'Spain'], ['Италия', 'place', 'Italy'], ['Казахстан', 'place', 'Kazakhstan'],
  ['Киев', 'place', 'Kyiv'], ['Китай', 'place', 'China'], ['Кремль', 'org', 'Kremlin'],
  ['Лондон', 'place', 'London'], ['Минск', 'place', 'Minsk'], ['Москва', 'place', 'Moscow'],
  ['НАТО', 'org', 'NATO'], ['ООН', 'org', 'United Nations'], ['Париж', 'place', 'Paris'],
  ['Польша', 'place', 'Poland'], ['Россия', 'place', 'Russia'], ['Санкт-Петербург', 'place', 'St Petersburg'],
  ['США', 'place', 'United States'], ['Турция', 'place', 'Turkey'], ['Узбекистан', 'place', 'Uzbekistan'],
  ['Украина', 'place', 'Ukraine'], ['Франция', 'place', 'France'], ['Центробанк', 'org', 'Central Bank of Russia'],
  ['Япония', 'place', 'Japan'],
];

/** The built-in entries: countries with their adjectives, places, organisations, Russian names. */
export const builtinGazetteer: readonly GazetteerEntry[] = [
  ...countries.flatMap(([name, ...aliases]) =>
    [name, ...aliases].map((alias) => ({ alias, kind: 'place' as const, name }))),
  ...places.map((name) => ({ alias: name, kind: 'place' as const, name })),
  ...organisations.flatMap(([name, ...aliases]) =>
    [name, ...aliases].map((alias) => ({ alias, kind: 'org' as const, name }))),
  ...russian.map(([alias, kind, name]) => ({ alias, kind, name })),
];

// Russian case endings dropped before lookup, longest first ("Токаевым" → "токаев", "Москвой" → "москв").
const russianEndings = ['ами', 'ями', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ым', 'им', 'ом', 'ем', 'ой', 'ей'];

/**
 * The lookup key of a word: case-folded; a Cyrillic word loses its case ending and trailing vowels
 * (Russian inflects at the end: "России", "Россия" → "росс"; "Казахстана" → "казахстан").
 */
export function entityKey(word: string): string {
  let key = entityKeys.get(word);
  if (key === undefined) {
    if (entityKeys.size >= entityKeyCacheSize) entityKeys.clear();
    entityKeys.set(word, (key = entityKeyOf(word)));
  }
  return key;
}

/** Keys remembered (names and capitalised words repeat from article to article), up to a bound. */
const entityKeys = new Map<string, string>();
const entityKeyCacheSize = 100_000;
const trailingDot = /\.$/u;
const cyrillic = /\p{Script=Cyrillic}/u;
const russianVowelEnd = /[аеёиоуыэюяйь]$/u;

function entityKeyOf(word: string): string {
  let folded = word.toLowerCase().replace(trailingDot, '');
  if (!cyrillic.test(folded) || folded.length <= 4) return folded;
  const ending = russianEndings.find((e) => folded.endsWith(e) && folded.length - e.length >= 4);
  if (ending) folded = folded.slice(0, -ending.length);
  while (folded.length > 4 && russianVowelEnd.test(folded)) folded = folded.slice(0, -1);
  return folded;
}

/** A name lookup: multi-word aliases matched word by word, longest first. Grows from the corpus. */
export class Gazetteer {
  private readonly byKey = new Map<string, GazetteerEntry>();
  private readonly words = new Set<string>();
  /** Longest alias length in words, so matching knows how far to look. */
  maxWords = 1;

  constructor(entries: Iterable<GazetteerEntry> = builtinGazetteer) {
    this.extend(entries);
  }

  /** Adds entries; an alias already known keeps its first meaning (the built-in table wins). */
  extend(entries: Iterable<GazetteerEntry>): void {
    for (const entry of entries) {
      const parts = entry.alias.split(/\s+/u);
      const key = parts.map(entityKey).join(' ');
      if (this.byKey.has(key)) continue;
      // Acronyms are matched case-sensitively elsewhere; a two-letter alias like "US" must not match "us".
      this.byKey.set(key, entry);
      for (const part of parts) this.words.add(entityKey(part));
      this.maxWords = Math.max(this.maxWords, parts.length);
    }
  }

  /** The entry for a sequence of words as written, if any. */
  lookup(wordsAsWritten: readonly string[]): GazetteerEntry | undefined {
    return this.byKey.get(wordsAsWritten.map(entityKey).join(' '));
  }

  /** The entry for the entity keys of a sequence of words joined by spaces, if any. */
  lookupKey(key: string): GazetteerEntry | undefined {
    return this.byKey.get(key);
  }

  /** True when the word is part of a known name (so a capital at a sentence start is trusted). */
  knowsWord(word: string): boolean {
    return this.words.has(entityKey(word));
  }

  /** True when a word's entity key is part of a known name (no name can contain a word that is not). */
  knowsKey(key: string): boolean {
    return this.words.has(key);
  }

  /** Number of aliases known. */
  get size(): number {
    return this.byKey.size;
  }
}
