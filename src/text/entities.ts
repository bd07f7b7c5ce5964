// Named entities (people, places, organisations) from a title and text, without a trained model:
// runs of capitalised words are proper-noun spans; the gazetteer types the names it knows
// (including adjectives: "Kazakh" → Kazakhstan), cue words type the rest ("President X" is a
// person, "X Bank" an organisation, "X Beach" a place), and a lone surname joins the full name
// mentioned earlier in the same article.
import { tokenize, type Token } from './tokens.js';
import { isStopword } from './stopwords.js';
import { entityKey, Gazetteer, type EntityKind, type GazetteerEntry } from './gazetteer.js';
import { slugify } from './slug.js';

/** One entity of an article. */
export interface Entity {
  kind: EntityKind;
  /** Display name: the gazetteer's canonical name, else the most frequent spelling. */
  name: string;
  /** URL slug of the name (topic pages use it). */
  slug: string;
  /** Mentions in title and text. */
  count: number;
}

// Words that say the name after them is a person's. Lower-cased, sorted.
const personCues: ReadonlySet<string> = new Set([
  'actor', 'actress', 'ceo', 'chairman', 'chancellor', 'coach', 'dr', 'gen', 'general', 'gov', 'governor',
  'judge', 'king', 'lord', 'mayor', 'minister', 'mr', 'mrs', 'ms', 'pope', 'premier', 'president', 'prince',
  'princess', 'queen', 'rep', 'secretary', 'sen', 'senator', 'singer', 'sir', 'star',
  'глава', 'губернатор', 'министр', 'мэр', 'президент', 'премьер', 'премьер-министр', 'спикер',
]);

// Last words that make a span an organisation. Lower-cased, sorted.
const organisationSuffixes: ReadonlySet<string> = new Set([
  'academy', 'agency', 'airlines', 'airways', 'assembly', 'association', 'athletics', 'authority', 'awards',
  'bank', 'biologics', 'board', 'brewery', 'bureau', 'center', 'centre', 'church', 'clinic', 'club', 'co',
  'commission', 'committee', 'company', 'congress', 'corp', 'corporation', 'council', 'court', 'department',
  'energy', 'festival', 'foundation', 'fund', 'games', 'group', 'guard', 'holdings', 'hospital', 'inc',
  'industries', 'institute', 'labs', 'league', 'ltd', 'management', 'ministry', 'motors', 'museum', 'network',
  'news', 'office', 'organisation', 'organization', 'parliament', 'party', 'pharmaceuticals', 'police', 'post',
  'railways', 'school', 'service', 'shipping', 'society', 'studios', 'systems', 'team', 'technologies',
  'times', 'troopers', 'union', 'united', 'university', 'vaccines',
]);

// Last words that make a span a place. Lower-cased, sorted.
const placeSuffixes: ReadonlySet<string> = new Set([
  'airport', 'avenue', 'basin', 'bay', 'beach', 'bridge', 'canyon', 'city', 'coast', 'county', 'delta',
  'desert', 'district', 'falls', 'harbor', 'harbour', 'hills', 'island', 'islands', 'lake', 'lane',
  'mountain', 'mountains', 'ocean', 'park', 'passage', 'peninsula', 'plateau', 'province', 'reef', 'region',
  'river', 'road', 'sea', 'square', 'state', 'station', 'strait', 'street', 'valley',
]);

// First words that make a span a place ("Lake Lucille", "River Aire", "Northern Chile"). Lower-cased, sorted.
const placePrefixes: ReadonlySet<string> = new Set([
  'cape', 'central', 'east', 'eastern', 'fort', 'gulf', 'lake', 'mount', 'north', 'northern', 'port',
  'puerto', 'river', 'san', 'santa', 'south', 'southern', 'west', 'western',
]);

// First words of named events and things that are none of person, place or organisation
// ("Tropical Storm Lwazi", "Operation Sunrise"): such spans are left out. Lower-cased, sorted.
const otherPrefixes: ReadonlySet<string> = new Set(['cyclone', 'hurricane', 'operation', 'storm', 'tropical', 'typhoon']);

// Russian surnames end like this (with case endings after): Лебедев, Карпова, Зимин, Тарасова, Шевченко.
const russianSurname = /(ов|ев|ёв|ин|ын|ский|ская|цкий|цкая|ко|ук|юк|ян)(а|у|ым|ом|ой|е|ого|ому)?$/u;

// Lower-case words that may join capitalised words inside a name ("Bank of England", "Rio de Janeiro").
const nameConnectors: ReadonlySet<string> = new Set(['al', 'bin', 'da', 'de', 'del', 'der', 'di', 'du', 'la', 'of', 'van', 'von']);

// Capitalised words that start sentences or headlines but are not names. Lower-cased, sorted.
const notNames: ReadonlySet<string> = new Set([
  'april', 'august', 'december', 'february', 'friday', 'january', 'july', 'june', 'march', 'may', 'monday',
  'november', 'october', 'saturday', 'september', 'sunday', 'thursday', 'tuesday', 'wednesday',
  'breaking', 'exclusive', 'live', 'update', 'updated', 'video', 'watch',
]);

const defaultGazetteer = new Gazetteer();

const upperStart = /^\p{Lu}/u;
const acronymShape = /^\p{Lu}[\p{Lu}.]+$/u;
const dots = /\./gu;
const letter = /\p{L}/u;

/** True when a word starts with an upper-case letter (A–Z answered without the Unicode test). */
function startsUpper(surface: string): boolean {
  const c = surface.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return upperStart.test(surface);
}

const isCapitalised = (t: Token): boolean => startsUpper(t.surface);
const isAcronym = (t: Token): boolean => startsUpper(t.surface) && acronymShape.test(t.surface) && t.surface.replace(dots, '').length >= 2;

/** True when source[from, to) is only white space (what `\s` matches); one space is the common case. */
function isBlank(source: string, from: number, to: number): boolean {
  if (to - from === 1 && source.charCodeAt(from) === 32) return true;
  return blank.test(source.slice(from, to));
}
const blank = /^[\s]*$/u;

interface Mention {
  kind: EntityKind | undefined;
  /** Canonical name when the gazetteer knew it. */
  canonical?: string;
  surface: string;
}

/** True when a title is in Title Case, where capitals say nothing about names. */
function isTitleCase(tokens: readonly Token[], lang: string): boolean {
  const content = tokens.slice(1).filter((t) => !isStopword(t.word, lang) && letter.test(t.word));
  if (content.length < 3) return false;
  return content.filter(isCapitalised).length / content.length >= 0.7;
}

/** Splits token runs into proper-noun spans (arrays of tokens, with the index of their first token). */
function properSpans(
  tokens: readonly Token[], source: string, lang: string, trusted: (t: Token) => boolean,
): Array<{ span: Token[]; start: number }> {
  const spans: Array<{ span: Token[]; start: number }> = [];
  let current: Token[] = [];
  let start = 0;
  const close = () => {
    // A connector never ends a name.
    while (current.length > 0 && nameConnectors.has(current[current.length - 1]!.word)) current.pop();
    if (current.length > 0) spans.push({ span: current, start });
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    // Names do not continue over punctuation.
    if (current.length > 0 && previous && !isBlank(source, previous.end, token.start)) close();
    if (current.length === 0) start = i;
    const proper = isCapitalised(token) && !notNames.has(token.word) && (!isStopword(token.word, lang) || isAcronym(token)) && trusted(token);
    if (proper) current.push(token);
    else if (current.length > 0 && nameConnectors.has(token.word) && tokens[i + 1] && isCapitalised(tokens[i + 1]!)) current.push(token);
    else close();
  }
  close();
  return spans;
}

/**
 * Two to four bare capitalised words are most often a person's name, unless a word is an acronym,
 * a connector or a common word (the article also writes it in lower case: "Disaster Risk
 * Management"). Russian capitalises place adjectives too, so there the last word must look like a
 * surname.
 */
function looksLikePersonName(words: readonly Token[], lang: string, common: ReadonlySet<string>): boolean {
  if (words.some((t) => isAcronym(t) || nameConnectors.has(t.word) || common.has(t.word))) return false;
  return lang !== 'ru' || russianSurname.test(words[words.length - 1]!.word);
}

/** Types the words of one span: gazetteer matches first, cue words and suffixes for the rest. */
function typeSpan(span: readonly Token[], before: Token | undefined, gazetteer: Gazetteer, lang: string, common: ReadonlySet<string>): Mention[] {
  const mentions: Mention[] = [];
  let personCue = before !== undefined && personCues.has(before.word);
  let rest: Token[] = [];
  const flush = () => {
    while (rest.length > 0 && nameConnectors.has(rest[rest.length - 1]!.word)) rest.pop();
    while (rest.length > 0 && nameConnectors.has(rest[0]!.word)) rest.shift();
    if (rest.length === 0) return;
    const first = rest[0]!.word;
    const last = rest[rest.length - 1]!.word;
    const surface = rest.map((t) => t.surface).join(' ');
    let kind: EntityKind | undefined;
    if (personCue) kind = 'person';
    else if (otherPrefixes.has(first)) kind = undefined;
    else if (rest.length >= 2 && organisationSuffixes.has(last)) kind = 'org';
    else if (rest.length >= 2 && (placeSuffixes.has(last) || placePrefixes.has(first))) kind = 'place';
    else if (rest.every(isAcronym)) kind = 'org';
    else if (rest.length >= 2 && rest.length <= 4 && looksLikePersonName(rest, lang, common)) kind = 'person';
    mentions.push({ kind, surface });
    rest = [];
    personCue = false;
  };
  // Lookup keys of the span's words, once; a name can only start with (and contain) words the gazetteer has.
  const keys = span.map((t) => entityKey(t.surface));
  for (let i = 0; i < span.length;) {
    let matched: GazetteerEntry | undefined;
    let length = 0;
    let known = 0;
    while (known < Math.min(gazetteer.maxWords, span.length - i) && gazetteer.knowsKey(keys[i + known]!)) known++;
    for (let n = known; n >= 1 && !matched; n--) {
      // Short all-capital aliases ("US", "UN") must be written in capitals to count.
      const entry = gazetteer.lookupKey(keys.slice(i, i + n).join(' '));
      if (entry && !(entry.alias.length <= 3 && entry.alias === entry.alias.toUpperCase() && span[i]!.surface !== entry.alias)) {
        matched = entry;
        length = n;
      }
    }
    if (matched) {
      flush();
      mentions.push({ kind: matched.kind, canonical: matched.name, surface: matched.name });
      i += length;
      // "President of Kazakhstan Tokayev", "президент Казахстана Токаев": the cue reaches past a place.
      if (matched.kind !== 'place') personCue = false;
      continue;
    }
    const token = span[i]!;
    if (personCues.has(token.word) && rest.length === 0) personCue = true;
    else rest.push(token);
    i++;
  }
  flush();
  return mentions;
}

/** People, places and organisations named in an article, most mentioned first. */
export function extractEntities(title: string, text: string, lang: string, gazetteer: Gazetteer = defaultGazetteer): Entity[] {
  const titleTokens = tokenize(title);
  const textTokens = tokenize(text);
  // Words written with a capital in mid-sentence are names; sentence-initial and Title Case words
  // count only when the gazetteer knows them or the article also capitalises them mid-sentence.
  const midSentence = new Set<string>();
  const titleCased = isTitleCase(titleTokens, lang);
  for (const t of textTokens) if (!t.sentenceStart && isCapitalised(t)) midSentence.add(t.word);
  if (!titleCased) for (const t of titleTokens) if (!t.sentenceStart && isCapitalised(t)) midSentence.add(t.word);
  // Words the article also writes in lower case are common words, not names.
  const common = new Set<string>();
  for (const list of [titleTokens, textTokens]) for (const t of list) if (!startsUpper(t.surface)) common.add(t.word);
  const trustedIn = (headline: boolean) => (t: Token): boolean =>
    isAcronym(t) || midSentence.has(t.word) || gazetteer.knowsWord(t.surface) ||
    (!t.sentenceStart && !(headline && titleCased));

  const mentions: Mention[] = [];
  for (const [tokens, source, headline] of [[titleTokens, title, true], [textTokens, text, false]] as const) {
    for (const { span, start } of properSpans(tokens, source, lang, trustedIn(headline))) {
      mentions.push(...typeSpan(span, tokens[start - 1], gazetteer, lang, common));
    }
  }

  // Group mentions: a gazetteer name by its canonical name, others by their stemmed words; a lone
  // word that ends (or starts) a multi-word person name is that person.
  const people = mentions.filter((m) => m.kind === 'person' && !m.canonical && m.surface.includes(' '));
  // Word key → the first such person with that word (what a scan of `people` in order would find).
  const personByWord = new Map<string, Mention>();
  for (const p of people) for (const w of p.surface.split(' ')) if (!personByWord.has(entityKey(w))) personByWord.set(entityKey(w), p);
  const groups = new Map<string, { kind: EntityKind; spellings: Map<string, number>; canonical?: string; count: number }>();
  for (const mention of mentions) {
    let kind = mention.kind;
    let surface = mention.surface;
    if (!mention.canonical && !surface.includes(' ')) {
      const person = personByWord.get(entityKey(surface));
      if (person) {
        kind = 'person';
        surface = person.surface;
      }
    }
    if (!kind) continue;
    const groupKey = mention.canonical ? `${kind}:${mention.canonical}` : `${kind}:${surface.split(' ').map(entityKey).join(' ')}`;
    const group = groups.get(groupKey) ?? { kind, spellings: new Map<string, number>(), canonical: mention.canonical, count: 0 };
    group.count++;
    group.spellings.set(surface, (group.spellings.get(surface) ?? 0) + 1);
    groups.set(groupKey, group);
  }
  const entities: Entity[] = [];
  for (const group of groups.values()) {
    const name = group.canonical ?? [...group.spellings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const slug = slugify(name);
    if (slug) entities.push({ kind: group.kind, name, slug, count: group.count });
  }
  return entities.sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/**
 * Gazetteer entries learned from our corpus: a person or organisation name typed by cues in at
 * least `minArticles` articles becomes known, so later headlines that name it bare are typed too.
 */
export function learnGazetteerEntries(articles: ReadonlyArray<readonly Entity[]>, minArticles = 3): GazetteerEntry[] {
  const seen = new Map<string, { entity: Entity; articles: number }>();
  for (const entities of articles) {
    for (const entity of entities) {
      if (entity.kind === 'place' || !entity.name.includes(' ') && entity.kind === 'person') continue;
      const key = `${entity.kind}:${entity.name}`;
      const entry = seen.get(key) ?? { entity, articles: 0 };
      entry.articles++;
      seen.set(key, entry);
    }
  }
  return [...seen.values()]
    .filter((e) => e.articles >= minArticles)
    .map((e) => ({ alias: e.entity.name, kind: e.entity.kind, name: e.entity.name }))
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
}
