// A work budget for one extraction: the tree walks count the nodes they visit, and a page that
// needs far more work than its size explains (a crafted DOM that makes a walk quadratic) ends in
// an error instead of occupying a worker. Extraction is synchronous, so one budget is active at a time.
import { TopstoryError } from '../errors.js';

let left = Infinity;

/** Runs `work` with a budget of `units` node visits; throws `extract: too_complex` when it runs out. */
export function withWorkBudget<T>(units: number, work: () => T): T {
  const outer = left;
  left = units;
  try {
    return work();
  } finally {
    left = outer;
  }
}

/** Spends units of the current budget (a no-op outside withWorkBudget). */
export function spend(units: number): void {
  left -= units;
  if (left < 0) {
    left = Infinity;
    throw new TopstoryError('extract', 'too_complex', 'page is too complex to extract (work limit reached)');
  }
}

/** Units left in the current budget (for measuring how much a page needed). */
export function budgetLeft(): number {
  return left;
}
