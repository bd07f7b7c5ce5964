// The score that orders stories on the front page (highest first; the Top Story leads). Pure:
// articles and `now` in, a number out, so storage can keep it as a column and recompute it.
// An admin pin overrides the score elsewhere (the web/store layer), not here.
import { publishedTime } from './article.js';

/** What ranking needs of each article of a story. */
export interface ScoredArticle {
  id: string;
  /** Outlet (source slug or id). */
  source: string;
  published: string | number | Date;
  /** Set for a copy: it counts as its original's reporting, not as another outlet's. */
  duplicateOf?: string | null;
}

/** Settings of the score. */
export interface StoryScoreOptions {
  /** Weight per outlet (default 1 each: every outlet counts the same). */
  outletWeights: Readonly<Record<string, number>>;
  /** Hours after which a story's freshness halves (default 8). */
  halfLifeHours: number;
  /** Velocity compares the outlets of the last `recentHours` (default 2)… */
  recentHours: number;
  /** …with those of the `baselineHours` before them (default 6). */
  baselineHours: number;
}

export const defaultStoryScoreOptions: StoryScoreOptions = {
  outletWeights: {},
  halfLifeHours: 8,
  recentHours: 2,
  baselineHours: 6,
};

/** The parts of a score, for the admin view and for tests. */
export interface StoryScoreParts {
  score: number;
  /** Sum of the weights of the distinct outlets that reported (copies collapsed). */
  coverage: number;
  /** Smoothed ratio of the recent rate of new outlets to the rate before (1 = steady). */
  velocity: number;
  /** 0.5^(hours since the latest reporting / half-life). */
  freshness: number;
}

/** Bounds of the velocity factor: a burst may lift a story threefold, a lull halve it at most. */
const velocityRange = [0.5, 3] as const;
/** Pseudo-count that smooths the velocity ratio (outlets per hour), so one article is no trend. */
const velocitySmoothing = 0.5;

/** A story's front-page score with its parts. */
export function explainStoryScore(articles: readonly ScoredArticle[], now: number, options: Partial<StoryScoreOptions> = {}): StoryScoreParts {
  const o = { ...defaultStoryScoreOptions, ...options };
  const hour = 3_600_000;
  const weight = (source: string) => o.outletWeights[source] ?? 1;
  // Copies are dropped: a wire story on five sites is one outlet's reporting; so are articles
  // from the future (a wrong clock at the outlet must not pin a story to the top).
  const reporting = articles
    .filter((a) => !a.duplicateOf)
    .map((a) => ({ source: a.source, at: publishedTime(a.published) }))
    .filter((a) => a.at <= now);
  if (reporting.length === 0) return { score: 0, coverage: 0, velocity: 1, freshness: 0 };
  // Each outlet counts once, at its first article on the story.
  const firstByOutlet = new Map<string, number>();
  for (const a of reporting) firstByOutlet.set(a.source, Math.min(firstByOutlet.get(a.source) ?? Infinity, a.at));
  let coverage = 0;
  let recent = 0;
  let before = 0;
  for (const [source, at] of firstByOutlet) {
    coverage += weight(source);
    const age = (now - at) / hour;
    if (age < o.recentHours) recent += weight(source);
    else if (age < o.recentHours + o.baselineHours) before += weight(source);
  }
  // Velocity: new outlets per hour lately against per hour before; >1 while coverage accelerates.
  const ratio = (recent / o.recentHours + velocitySmoothing) / (before / o.baselineHours + velocitySmoothing);
  const velocity = Math.min(velocityRange[1], Math.max(velocityRange[0], ratio));
  // Freshness halves every half-life since the story was last reported on.
  const latest = Math.max(...reporting.map((a) => a.at));
  const freshness = 0.5 ** ((now - latest) / hour / o.halfLifeHours);
  // Coverage enters as log2(1 + outlets): the tenth outlet adds less than the second, so a huge
  // but stale story does not sit above everything fresh for days.
  const score = Math.log2(1 + coverage) * velocity * freshness;
  return { score, coverage, velocity, freshness };
}

/** A story's front-page score (see explainStoryScore for the formula). */
export function storyScore(articles: readonly ScoredArticle[], now: number, options: Partial<StoryScoreOptions> = {}): number {
  return explainStoryScore(articles, now, options).score;
}
