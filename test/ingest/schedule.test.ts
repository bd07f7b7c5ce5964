// The schedule an operator sees: busy outlets checked often, quiet ones rarely, failures backing off.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffMs, nextIntervalMs, schedulePolicy, shouldPause, updatedArticlesPerDay } from '../../src/ingest/schedule.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('schedule', () => {
  it('adapts the interval to how often a source publishes, within 5 min .. 24 h', () => {
    assert.equal(nextIntervalMs(0), 30 * MIN, 'unknown: 30 min');
    assert.equal(nextIntervalMs(24), 15 * MIN, '24 a day: every 15 min');
    assert.equal(nextIntervalMs(1000), 5 * MIN, 'very busy: floor of 5 min');
    assert.equal(nextIntervalMs(0.05), 24 * HOUR, 'almost silent: ceiling of 24 h');
    assert.ok(nextIntervalMs(4) > nextIntervalMs(40));
  });

  it('respects a server minimum such as Cache-Control max-age', () => {
    assert.equal(nextIntervalMs(1000, 2 * HOUR), 2 * HOUR);
    assert.equal(nextIntervalMs(1000, 10 * 24 * HOUR), 24 * HOUR);
  });

  it('backs off exponentially with jitter, capped at 24 h', () => {
    const mid = () => 0.5;
    assert.equal(backoffMs(1, mid), 5 * MIN);
    assert.equal(backoffMs(2, mid), 10 * MIN);
    assert.equal(backoffMs(3, mid), 20 * MIN);
    assert.equal(backoffMs(30, mid), 24 * HOUR);
    assert.equal(backoffMs(1, () => 0), 4 * MIN);
    assert.equal(backoffMs(1, () => 0.999999), 6 * MIN, 'jitter up to +20 %');
    assert.equal(backoffMs(1, mid, 3 * HOUR), 3 * HOUR, 'Retry-After wins when longer');
  });

  it('pauses after 7 days of failures', () => {
    const now = Date.UTC(2026, 2, 10);
    assert.equal(shouldPause(null, now), false);
    assert.equal(shouldPause(now - 6 * 24 * HOUR, now), false);
    assert.equal(shouldPause(now - schedulePolicy.pauseAfterMs, now), true);
  });

  it('smooths articles per day', () => {
    assert.equal(updatedArticlesPerDay(0, 12, null), 12, 'first check: what it found');
    const steady = updatedArticlesPerDay(24, 1, HOUR);
    assert.ok(Math.abs(steady - 24) < 0.01, `one article an hour keeps 24 a day (${steady})`);
    assert.ok(updatedArticlesPerDay(24, 0, 24 * HOUR) < 24, 'a quiet day lowers it');
  });
});
