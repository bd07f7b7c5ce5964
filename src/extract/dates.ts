// Publication dates as pages write them (ISO 8601, RFC 822-ish, "2024-05-01 10:00", Unix seconds)
// turned into ISO 8601 instants in UTC. No clock: a date is parsed, never guessed from "now".

const MONTHS: Readonly<Record<string, number>> = {
  apr: 4, april: 4, aug: 8, august: 8, dec: 12, december: 12, feb: 2, february: 2, jan: 1, january: 1,
  jul: 7, july: 7, jun: 6, june: 6, mar: 3, march: 3, may: 5, nov: 11, november: 11, oct: 10, october: 10,
  sep: 9, sept: 9, september: 9,
};

// Earliest and latest instants accepted as a publication date: outside them the value is a typo or a placeholder.
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

function iso(ms: number): string | undefined {
  return Number.isFinite(ms) && ms >= EARLIEST && ms < LATEST ? new Date(ms).toISOString() : undefined;
}

// Month names in the languages of the outlets we read, in the forms dates use (Russian genitive). Sorted by language.
const FOREIGN_MONTHS: Readonly<Record<string, number>> = {
  // de
  januar: 1, februar: 2, 'märz': 3, maerz: 3, mai: 5, juni: 6, juli: 7, oktober: 10, dezember: 12,
  // es
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  // fr
  janvier: 1, 'février': 2, fevrier: 2, mars: 3, avril: 4, juin: 6, juillet: 7, 'août': 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, 'décembre': 12, decembre: 12,
  // it
  gennaio: 1, febbraio: 2, aprile: 4, maggio: 5, giugno: 6, luglio: 7, settembre: 9, ottobre: 10, dicembre: 12,
  // ru
  'января': 1, 'февраля': 2, 'марта': 3, 'апреля': 4, 'мая': 5, 'июня': 6, 'июля': 7, 'августа': 8, 'сентября': 9, 'октября': 10, 'ноября': 11, 'декабря': 12,
};

/** Finds a date written inside a line of text ("Posted on 2 марта 2026, 12:05 | News"); ISO UTC or undefined. */
export function findDateIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const whole = parsePageDate(text.replace(/^(posted|published|updated|on|am|le|el|il|опубликовано)[:\s]+/i, ''));
  if (whole) return whole;
  const iso = /\d{4}-\d{2}-\d{2}(?:[T\s]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?/.exec(text);
  if (iso) return parsePageDate(iso[0]);
  // "2 марта 2026, 12:05", "2. März 2026", "2 de marzo de 2026", "2 March 2026 10:00"
  const dmy = /(\d{1,2})\.?\s+(?:de\s+)?(\p{L}+)\.?\s+(?:de\s+)?(\d{4})(?:\s*(?:г\.?|года)?[,\s]+(?:à|a las|um|в)?\s*(\d{1,2})[:.h](\d{2}))?/u.exec(text);
  if (dmy) {
    const name = dmy[2]!.toLowerCase();
    const month = FOREIGN_MONTHS[name] ?? MONTHS[name];
    if (month) return iso8601(Number(dmy[3]), month, Number(dmy[1]), Number(dmy[4] ?? 0), Number(dmy[5] ?? 0));
  }
  // "March 2, 2026 09:45"
  const mdy = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*(am|pm)?)?/i.exec(text);
  if (mdy) {
    const month = MONTHS[mdy[1]!.toLowerCase()];
    let hour = Number(mdy[4] ?? 0);
    if (mdy[6] && /pm/i.test(mdy[6]) && hour < 12) hour += 12;
    if (mdy[6] && /am/i.test(mdy[6]) && hour === 12) hour = 0;
    if (month) return iso8601(Number(mdy[3]), month, Number(mdy[2]), hour, Number(mdy[5] ?? 0));
  }
  return undefined;
}

function iso8601(year: number, month: number, day: number, hour: number, minute: number): string | undefined {
  if (day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  return iso(Date.UTC(year, month - 1, day, hour, minute));
}

/** Parses a date string from page metadata to an ISO 8601 UTC instant; undefined when it is not a date. */
export function parsePageDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (text === '' || text.length > 80) return undefined;
  if (/^\d{10}(\d{3})?$/.test(text)) return iso(text.length === 13 ? Number(text) : Number(text) * 1000);
  // ISO 8601 (with a space or T, optional seconds, fraction and zone); no zone means UTC for us,
  // since page metadata without a zone is ambiguous and UTC is the stable choice.
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?$/i.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
    let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((frac + '000').slice(0, 3)));
    if (zone && zone.toUpperCase() !== 'Z') {
      const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
      if (zm) ms -= (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * 60000;
    }
    return iso(ms);
  }
  // "May 3, 2024", "3 May 2024 10:00" and RFC 822 forms: Date.parse reads these consistently.
  if (/[a-z]{3}/i.test(text) && Object.keys(MONTHS).some((name) => text.toLowerCase().includes(name))) {
    const parsed = Date.parse(/(gmt|utc|z|[+-]\d{4})\s*$/i.test(text) ? text : `${text} UTC`);
    if (Number.isFinite(parsed)) return iso(parsed);
    const fallback = Date.parse(text);
    return Number.isFinite(fallback) ? iso(fallback) : undefined;
  }
  // "03.05.2024" / "03/05/2024": day first, as most of the world writes it, unless that is impossible.
  const dm = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[,\s]+(\d{1,2}):(\d{2}))?$/.exec(text);
  if (dm) {
    let [day, month] = [Number(dm[1]), Number(dm[2])];
    if (month > 12 && day <= 12) [day, month] = [month, day];
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    return iso(Date.UTC(Number(dm[3]), month - 1, day, Number(dm[4] ?? 0), Number(dm[5] ?? 0)));
  }
  return undefined;
}
