// Feed dates → ISO 8601 UTC. RSS uses RFC 822 (as updated by RFC 1123 §5.2.14: four-digit years),
// Atom uses RFC 3339, Dublin Core uses W3CDTF (a profile of ISO 8601). Feeds in the wild break all
// three: missing weekdays, two-digit years, named zones, offsets without a colon, lower case,
// full month names. A date that cannot be read with certainty gives undefined, never a guess.

// Time zone abbreviations seen in feeds, with their offset from UTC in minutes. Sorted.
// Ambiguous ones take the reading most common in news feeds (IST = India, BST = British Summer).
const ZONES: ReadonlyMap<string, number> = new Map([
  ['ACDT', 630], ['ACST', 570], ['ADT', -180], ['AEDT', 660], ['AEST', 600], ['AKDT', -480],
  ['AKST', -540], ['ART', -180], ['AST', -240], ['AWST', 480], ['BRST', -120], ['BRT', -180],
  ['BST', 60], ['CAT', 120], ['CDT', -300], ['CEST', 120], ['CET', 60], ['CST', -360],
  ['EAT', 180], ['EDT', -240], ['EEST', 180], ['EET', 120], ['EST', -300], ['GMT', 0],
  ['HKT', 480], ['HST', -600], ['ICT', 420], ['IDT', 180], ['IST', 330], ['JST', 540],
  ['KST', 540], ['MDT', -360], ['MEST', 120], ['MESZ', 120], ['MET', 60], ['MEZ', 60],
  ['MSD', 240], ['MSK', 180], ['MST', -420], ['NDT', -150], ['NPT', 345], ['NST', -210],
  ['NZDT', 780], ['NZST', 720], ['PDT', -420], ['PHT', 480], ['PKT', 300], ['PST', -480],
  ['SAST', 120], ['SGT', 480], ['UT', 0], ['UTC', 0], ['WAT', 60], ['WEST', 60],
  ['WET', 0], ['WIB', 420], ['Z', 0],
]);

// Month names and the abbreviations and misspellings feeds use (English, lower case). Sorted.
const MONTHS: ReadonlyMap<string, number> = new Map([
  ['apr', 4], ['april', 4], ['aug', 8], ['august', 8], ['dec', 12], ['december', 12],
  ['feb', 2], ['february', 2], ['jan', 1], ['january', 1], ['jul', 7], ['july', 7],
  ['jun', 6], ['june', 6], ['mar', 3], ['march', 3], ['may', 5], ['nov', 11],
  ['november', 11], ['oct', 10], ['october', 10], ['sep', 9], ['sept', 9], ['september', 9],
]);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): string | undefined {
  if (!Number.isFinite(year) || year < 1000 || year > 9999) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return undefined;
  if (second === 60) second = 59; // a leap second; JavaScript dates have none
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

const NUMERIC_ZONE = /^[+-]\d{4}$/;

// "+0200", "+02:00", "-5", "+05:30", "GMT+2", "UTC-0500", "EST", "Z".
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 0; // no zone: UTC, as feedparser and most readers assume
  // The common case, "+0000" or "-0500", read directly.
  if (zone.length === 5 && NUMERIC_ZONE.test(zone)) {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(3));
    if (hours > 14 || minutes > 59) return undefined;
    return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  // RFC 822 allows a trailing comment: "+0000 (UTC)"; a comment alone names the zone.
  const trimmed = zone.trim().toUpperCase();
  const z = /^\([^)]*\)$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed.replace(/\s*\([^)]*\)$/, '');
  const named = ZONES.get(z);
  if (named !== undefined) return named;
  const m = /^(?:GMT|UTC|UT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 2) return n < 50 ? 2000 + n : 1900 + n; // RFC 2822 §4.3
  if (y.length === 3) return 1900 + n; // RFC 2822 §4.3: three-digit years add 1900
  return n;
}

// ISO 8601 / RFC 3339 / W3CDTF: 2003-12-13T18:30:02Z, 2003-12-13T18:30:02.25+01:00, 2003-12-13,
// 2003-12, 2003, 20031213T183002Z, "2003-12-13 18:30:02 +0100".
const ISO = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?)?)?)?$/i;

function parseIso(s: string): string | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const offset = zoneOffset(m[8]);
  if (offset === undefined) return undefined;
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Math.min(frac, 999), offset);
}

// RFC 822 and its relatives: "Sat, 07 Sep 2002 00:00:01 GMT", "7 sep 02 0:00 +0200",
// "Tuesday, 10 June 2003 09:41:01 EDT", "Sat, 07 Sep 2002 00:00:01 GMT+2", "Sep 7 2002 00:00:01 GMT".
const RFC822 = /^(?:[a-z]{2,9}\.?,?\s+)?(?:(\d{1,2})[\s-]+([a-z]{3,9})\.?|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)[\s-]+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*(am|pm))?)?(?:\s*(.*))?$/i;

function parseRfc822(s: string): string | undefined {
  const m = RFC822.exec(s);
  if (!m) return undefined;
  const day = Number(m[1] ?? m[4]);
  const month = MONTHS.get((m[2] ?? m[3] ?? '').toLowerCase());
  if (month === undefined) return undefined;
  const year = fullYear(m[5]!);
  let hour = Number(m[6] ?? 0);
  const ampm = m[9]?.toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  const offset = zoneOffset(m[10]);
  if (offset === undefined) return undefined;
  return build(year, month, day, hour, Number(m[7] ?? 0), Number(m[8] ?? 0), 0, offset);
}

// The two-digit number at s[at, at + 2), or -1.
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 0x30;
  const b = s.charCodeAt(at + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

// A zone parseRfc1123 reads: an offset or a name (not one RFC822 would take for "am"/"pm").
const PLAIN_ZONE = /^(?:[+-]\d{4}|(?![ap]m)[a-z]{1,5})$/i;

// The form nearly every RSS feed writes (RFC 1123 §5.2.14: "Mon, 02 Mar 2026 08:00:00 +0000"),
// read by position; undefined hands anything else (or anything doubtful) to the patterns, which
// read this form the same way.
function parseRfc1123(s: string): string | undefined {
  if (s.length < 27 || s.charCodeAt(3) !== 0x2c || s.charCodeAt(4) !== 0x20 || s.charCodeAt(7) !== 0x20 || s.charCodeAt(11) !== 0x20
    || s.charCodeAt(16) !== 0x20 || s.charCodeAt(19) !== 0x3a || s.charCodeAt(22) !== 0x3a || s.charCodeAt(25) !== 0x20) return undefined;
  for (let k = 0; k < 3; k++) if (((s.charCodeAt(k) | 0x20) < 0x61) || ((s.charCodeAt(k) | 0x20) > 0x7a)) return undefined;
  const day = twoDigits(s, 5);
  const century = twoDigits(s, 12);
  const years = twoDigits(s, 14);
  const hour = twoDigits(s, 17);
  const minute = twoDigits(s, 20);
  const second = twoDigits(s, 23);
  if (day < 0 || century < 0 || years < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  const month = MONTHS.get(s.slice(8, 11).toLowerCase());
  const zone = s.slice(26);
  if (month === undefined || !PLAIN_ZONE.test(zone)) return undefined;
  const offset = zoneOffset(zone);
  if (offset === undefined) return undefined;
  return build(century * 100 + years, month, day, hour, minute, second, 0, offset);
}

// asctime and JavaScript's Date.toString: "Sun Nov  6 08:49:37 1994", "Thu Jan 01 2004 19:48:21 GMT-0500 (EST)".
const ASCTIME = /^[a-z]{3,9},?\s+([a-z]{3,9})\s+(\d{1,2})\s+(?:(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})|(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2}))(?:\s+([^(]*?))?(?:\s*\(.*\))?$/i;

function parseAsctime(s: string): string | undefined {
  const m = ASCTIME.exec(s);
  if (!m) return undefined;
  const month = MONTHS.get(m[1]!.toLowerCase());
  if (month === undefined) return undefined;
  const offset = zoneOffset(m[11]);
  if (offset === undefined) return undefined;
  const [year, hour, minute, second] = m[6] ? [m[6], m[3], m[4], m[5]] : [m[7], m[8], m[9], m[10]];
  return build(Number(year), month, Number(m[2]), Number(hour), Number(minute), Number(second), 0, offset);
}

/** Reads a feed date in any common format and returns it as ISO 8601 UTC, or undefined if unreadable. */
export function parseFeedDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const s = /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
  if (!s || s.length > 100) return undefined;
  return parseRfc1123(s) ?? parseIso(s) ?? parseRfc822(s) ?? parseAsctime(s);
}
