// docs/feeds-conformance.md is generated from the feedparser suite; this test regenerates it in
// memory and fails when the committed file no longer matches what the parser does today.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KNOWN_FAILURES, skipReason } from './feedparser-conformance.js';
import { renderConformanceReport, REPORT_PATH } from '../../scripts/feeds-conformance-report.js';

const reportFile = fileURLToPath(new URL(`../../${REPORT_PATH}`, import.meta.url));

describe('feeds conformance report', { skip: skipReason }, () => {
  const fresh = skipReason ? '' : `${renderConformanceReport()}\n`;

  it(`${REPORT_PATH} is up to date (regenerate: npx tsx scripts/feeds-conformance-report.ts)`, () => {
    assert.ok(existsSync(reportFile), `${REPORT_PATH} is missing`);
    const committed = readFileSync(reportFile, 'utf8');
    // Compare line by line so a failure names the first stale line rather than two whole files.
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const first = a.findIndex((line, i) => line !== b[i]);
    assert.ok(first === -1 && a.length === b.length, `stale at line ${first + 1}:\n  file: ${a[first] ?? '(end)'}\n  now:  ${b[first] ?? '(end)'}`);
  });

  it('gives every known failure its reason in the report', () => {
    const missing = KNOWN_FAILURES.filter(([file, reason]) => !fresh.includes(`| ${file} |`) || !fresh.includes(reason.replace(/</g, '&lt;').replace(/>/g, '&gt;')));
    assert.deepEqual(missing, []);
  });

  it('is deterministic: two renderings are identical', () => {
    assert.equal(`${renderConformanceReport()}\n`, fresh);
  });
});
