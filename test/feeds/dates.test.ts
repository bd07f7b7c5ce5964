// Feed dates as publishers write them (RFC 822/1123 and their malformations, ISO 8601, W3CDTF):
// each reads to the right instant in UTC, and what cannot be read gives nothing rather than a guess.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDate } from '../../src/feeds/dates.js';

const READABLE: [string, string, string][] = [
  ['RFC 822 with GMT', 'Sat, 07 Sep 2002 00:00:01 GMT', '2002-09-07T00:00:01.000Z'],
  ['RFC 1123 with numeric offset', 'Tue, 10 Jun 2003 09:41:01 +0200', '2003-06-10T07:41:01.000Z'],
  ['no weekday', '07 Sep 2002 00:00:01 GMT', '2002-09-07T00:00:01.000Z'],
  ['two-digit year', 'Sat, 07 Sep 02 00:00:01 GMT', '2002-09-07T00:00:01.000Z'],
  ['two-digit year in the last century', 'Fri, 31 Dec 99 23:00:00 GMT', '1999-12-31T23:00:00.000Z'],
  ['single-digit day, no seconds', 'Mon, 5 Jan 2004 9:05 EST', '2004-01-05T14:05:00.000Z'],
  ['US zone PDT', 'Thu, 01 Jul 2021 10:00:00 PDT', '2021-07-01T17:00:00.000Z'],
  ['European zone CEST', 'Mon, 14 Jun 2021 18:30:00 CEST', '2021-06-14T16:30:00.000Z'],
  ['Moscow MSK', 'Fri, 01 Oct 2021 12:00:00 MSK', '2021-10-01T09:00:00.000Z'],
  ['India IST', 'Fri, 01 Oct 2021 12:00:00 IST', '2021-10-01T06:30:00.000Z'],
  ['offset with a colon', 'Fri, 01 Oct 2021 12:00:00 +05:30', '2021-10-01T06:30:00.000Z'],
  ['negative offset without colon', 'Fri, 01 Oct 2021 12:00:00 -0430', '2021-10-01T16:30:00.000Z'],
  ['GMT plus offset', 'Fri, 01 Oct 2021 12:00:00 GMT+2', '2021-10-01T10:00:00.000Z'],
  ['all lower case', 'fri, 01 oct 2021 12:00:00 gmt', '2021-10-01T12:00:00.000Z'],
  ['full weekday and month names', 'Tuesday, 10 June 2003 09:41:01 EDT', '2003-06-10T13:41:01.000Z'],
  ['Sept abbreviation', 'Wed, 15 Sept 2021 08:00:00 UTC', '2021-09-15T08:00:00.000Z'],
  ['no zone reads as UTC', 'Wed, 15 Sep 2021 08:00:00', '2021-09-15T08:00:00.000Z'],
  ['month before day', 'Wed, Sep 15 2021 08:00:00 +0000', '2021-09-15T08:00:00.000Z'],
  ['twelve-hour clock', 'Wed, 15 Sep 2021 08:00 PM EST', '2021-09-16T01:00:00.000Z'],
  ['extra whitespace', '  Wed,  15 Sep  2021 08:00:00   GMT ', '2021-09-15T08:00:00.000Z'],
  ['offset with a zone comment', 'Mon, 02 Mar 2026 08:00:00 +0100 (CET)', '2026-03-02T07:00:00.000Z'],
  ['leap second', 'Wed, 31 Dec 2008 23:59:60 GMT', '2008-12-31T23:59:59.000Z'],
  ['RFC 3339 Z', '2003-12-13T18:30:02Z', '2003-12-13T18:30:02.000Z'],
  ['RFC 3339 fraction and offset', '2003-12-13T18:30:02.25+01:00', '2003-12-13T17:30:02.250Z'],
  ['ISO 8601 offset without colon', '2003-12-13T18:30:02+0100', '2003-12-13T17:30:02.000Z'],
  ['ISO 8601 with a space', '2003-12-13 18:30:02 -05:00', '2003-12-13T23:30:02.000Z'],
  ['ISO 8601 lower-case t and z', '2003-12-13t18:30:02z', '2003-12-13T18:30:02.000Z'],
  ['ISO 8601 no seconds', '2003-12-13T18:30Z', '2003-12-13T18:30:00.000Z'],
  ['ISO 8601 basic format', '20031213T183002Z', '2003-12-13T18:30:02.000Z'],
  ['W3CDTF date only', '2003-12-13', '2003-12-13T00:00:00.000Z'],
  ['W3CDTF year and month', '2003-12', '2003-12-01T00:00:00.000Z'],
  ['W3CDTF year', '2003', '2003-01-01T00:00:00.000Z'],
  ['ISO 8601 with a zone name', '2003-12-13T18:30:02 EST', '2003-12-13T23:30:02.000Z'],
  ['asctime', 'Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
  ['JavaScript Date.toString', 'Thu Jan 01 2004 19:48:21 GMT-0500 (EST)', '2004-01-02T00:48:21.000Z'],
];

const UNREADABLE: [string, string][] = [
  ['empty', ''],
  ['words', 'yesterday'],
  ['impossible day', 'Mon, 31 Feb 2021 10:00:00 GMT'],
  ['impossible month', '2021-13-01T00:00:00Z'],
  ['impossible hour', '2021-01-01T25:00:00Z'],
  ['unknown zone', 'Mon, 01 Feb 2021 10:00:00 XYZT'],
  ['offset out of range', 'Mon, 01 Feb 2021 10:00:00 +2500'],
  ['non-English month', 'Mon, 01 Février 2021 10:00:00 GMT'],
  ['a number', '1612173600'],
  ['very long text', 'Mon, 01 Feb 2021 '.repeat(20)],
];

describe('parseFeedDate', () => {
  for (const [name, input, expected] of READABLE) {
    it(`reads ${name}: ${JSON.stringify(input)}`, () => assert.equal(parseFeedDate(input), expected));
  }
  for (const [name, input] of UNREADABLE) {
    it(`gives nothing for ${name}`, () => assert.equal(parseFeedDate(input), undefined));
  }
});

describe('the common RFC 1123 form', () => {
  it('reads as every other spelling of the same instant reads', () => {
    const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const zones = ['+0000', '-0500', '+0530', 'GMT', 'UT', 'EST', 'CEST', 'Z', '+1500', 'XYZ', 'AMT', 'pm'];
    for (let i = 0; i < 600; i++) {
      const pad = (n: number) => String(n).padStart(2, '0');
      const [d, h, m, sec] = [1 + ((i * 7) % 31), (i * 5) % 25, (i * 11) % 61, (i * 13) % 61];
      const body = `${pad(d)} ${months[i % 12]} ${1990 + (i % 40)} ${pad(h)}:${pad(m)}:${pad(sec)} ${zones[i % zones.length]}`;
      // Without the comma after the weekday, the form takes the general reading.
      assert.equal(parseFeedDate(`${weekdays[i % 7]}, ${body}`), parseFeedDate(`${weekdays[i % 7]} ${body}`), body);
    }
  });
});

