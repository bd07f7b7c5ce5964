// A candidate story's related profile (its RelatedStory: summed terms, entity ids, the newest
// articles the ranking picks from) as bytes, for storage next to the story: an article page that
// meets a story it has not compared before reads one value instead of a dozen articles and their
// entities, and tokenizes nothing.
//
// Layout, version 1, little-endian: four uint32 (format, terms, entities, articles), the vector's
// length as a float64, then float64 arrays (term weights; entity ids; per article id, outlet,
// published, original or -1), then the uint32 term hashes. The float64s come first so that each
// array starts on its own alignment and a decoded profile is views of one buffer, not copies.
// Numbers are stored exactly, so a decoded story ranks exactly as the one encoded.
import type { PackedTerms } from '../text/packed-terms.js';
import type { RelatedArticle, RelatedStory } from './related.js';

const FORMAT = 1;
const HEADER_BYTES = 24;
/** Typed arrays use the platform's byte order; where it is little-endian a profile is read as views. */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A stored number as the text key the ranking compares (ids of entities, articles, outlets). */
function idOf(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || String(n) !== text) throw new RangeError(`related profile: ${what} ${JSON.stringify(text)} is not an id`);
  return n;
}

/** Encodes a candidate story (its id is not part of it: the row it is stored in names it). */
export function encodeRelatedProfile(story: RelatedStory): Uint8Array {
  const { terms, entities, articles } = story;
  const n = terms.keys.length;
  const bytes = new Uint8Array(HEADER_BYTES + 8 * (n + entities.length + 4 * articles.length) + 4 * n);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, FORMAT, true);
  view.setUint32(4, n, true);
  view.setUint32(8, entities.length, true);
  view.setUint32(12, articles.length, true);
  view.setFloat64(16, terms.norm, true);
  let at = HEADER_BYTES;
  const float = (x: number) => {
    view.setFloat64(at, x, true);
    at += 8;
  };
  for (let i = 0; i < n; i++) float(terms.weights[i]!);
  for (const e of entities) float(idOf(e, 'entity'));
  for (const a of articles) {
    if (typeof a.published !== 'number') throw new TypeError('related profile: an article\'s published time must be a number');
    float(idOf(a.id, 'article'));
    float(idOf(a.source ?? '', 'outlet'));
    float(a.published);
    float(a.duplicateOf ? idOf(a.duplicateOf, 'original') : -1);
  }
  for (let i = 0; i < n; i++, at += 4) view.setUint32(at, terms.keys[i]!, true);
  return bytes;
}

/** Decodes what encodeRelatedProfile stored for story `id`; undefined for a format this code does not know. */
export function decodeRelatedProfile(id: number, stored: Uint8Array): RelatedStory | undefined {
  if (stored.byteLength < HEADER_BYTES) return undefined;
  // A copy of its own: the buffer a driver hands over may be a slice of a shared pool at any offset
  // (and a Buffer's slice() is a view of it, not a copy).
  const bytes = new Uint8Array(stored.byteLength);
  bytes.set(stored);
  const view = new DataView(bytes.buffer);
  if (view.getUint32(0, true) !== FORMAT) return undefined;
  const n = view.getUint32(4, true);
  const entityCount = view.getUint32(8, true);
  const articleCount = view.getUint32(12, true);
  const floats = n + entityCount + 4 * articleCount;
  if (bytes.byteLength !== HEADER_BYTES + 8 * floats + 4 * n) return undefined;
  let numbers: Float64Array;
  let keys: Uint32Array;
  if (littleEndian) {
    numbers = new Float64Array(bytes.buffer, HEADER_BYTES, floats);
    keys = new Uint32Array(bytes.buffer, HEADER_BYTES + 8 * floats, n);
  } else {
    numbers = Float64Array.from({ length: floats }, (_, i) => view.getFloat64(HEADER_BYTES + 8 * i, true));
    keys = Uint32Array.from({ length: n }, (_, i) => view.getUint32(HEADER_BYTES + 8 * floats + 4 * i, true));
  }
  const terms: PackedTerms = { keys, weights: numbers.subarray(0, n), norm: view.getFloat64(16, true) };
  const entities: string[] = [];
  for (let i = n; i < n + entityCount; i++) entities.push(String(numbers[i]!));
  const story = String(id);
  const articles: RelatedArticle[] = [];
  for (let i = n + entityCount; i < floats; i += 4) {
    const original = numbers[i + 3]!;
    articles.push({ id: String(numbers[i]!), story, source: String(numbers[i + 1]!), published: numbers[i + 2]!, duplicateOf: original < 0 ? null : String(original) });
  }
  return { id: story, terms, entities, articles };
}
