// robots.txt per origin, as RFC 9309 asks: fetched once per TTL, 4xx means "allow all" (§2.3.1.3),
// 5xx or unreachable means "disallow all" for a while (§2.3.1.4), more than five redirects means
// unavailable (§2.3.1.2); rules matched with robots-parser against our product token. Crawl-delay
// (not in the RFC, widely used) raises the host's interval between requests.
import robotsParserModule from 'robots-parser';
import { canonicalName } from './address-guard.js';
import { FetchError } from './fetch-error.js';

/** What the robots fetch brought back: a status and the (possibly truncated) body. */
export interface RobotsAnswer { status: number; body: Uint8Array }

/** Settings of the robots cache. */
export interface RobotsOptions {
  productToken: string;
  ttlMs: number;
  /** How long an unreachable robots.txt keeps the origin closed before we ask again. */
  unreachableTtlMs: number;
  /** Longest Crawl-delay honoured; a larger one is clamped (a worker must not sleep for hours). */
  maxCrawlDelayMs: number;
  now: () => number;
  fetchRobots: (robotsUrl: string) => Promise<RobotsAnswer>;
}

/** The parts of robots-parser's Robot we use. */
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

// The package is CommonJS whose module.exports is the parser; its typings describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robot;

type Verdict =
  | { kind: 'rules'; robot: Robot; expiresAt: number }
  | { kind: 'allow-all'; expiresAt: number }
  | { kind: 'disallow-all'; reason: string; expiresAt: number };

// Errors that say the host itself cannot be reached safely: the page fetch would fail the same way,
// so the robots fetch hands its error on instead of caching a verdict.
const HOST_ERRORS: readonly string[] = ['bad_url', 'blocked_address', 'connect_failed', 'connect_timeout', 'dns_failed'];

// Past this many cached origins, expired verdicts are dropped before adding one.
const MAX_ORIGINS = 10_000;

/** The robots.txt verdicts of the origins the fetcher has visited. */
export class RobotsCache {
  private readonly verdicts = new Map<string, Verdict>();
  private readonly inFlight = new Map<string, Promise<Verdict>>();
  private readonly crawlDelays = new Map<string, number>();

  constructor(private readonly options: RobotsOptions) {}

  /** Throws robots_disallowed when robots.txt of the URL's origin forbids it for our product token. */
  async check(url: URL): Promise<void> {
    const verdict = await this.verdictFor(url);
    if (verdict.kind === 'allow-all') return;
    if (verdict.kind === 'disallow-all') {
      throw new FetchError('robots_disallowed', `robots.txt of ${url.host} ${verdict.reason}; not fetching until ${new Date(verdict.expiresAt).toISOString()} (RFC 9309)`, {
        retryAfterMs: Math.max(0, verdict.expiresAt - this.options.now()),
        url: url.href,
      });
    }
    if (verdict.robot.isAllowed(url.href, this.options.productToken) === false) {
      throw new FetchError('robots_disallowed', `robots.txt disallows ${url.pathname}${url.search} for ${this.options.productToken}`, { url: url.href });
    }
  }

  /** The Crawl-delay robots.txt asks of us on this host, in ms (0 when none). */
  crawlDelayMs(hostname: string): number {
    return this.crawlDelays.get(canonicalName(hostname)) ?? 0;
  }

  private async verdictFor(url: URL): Promise<Verdict> {
    const origin = url.origin;
    const cached = this.verdicts.get(origin);
    if (cached && cached.expiresAt > this.options.now()) return cached;
    let running = this.inFlight.get(origin);
    if (!running) {
      running = this.load(url).finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, running);
    }
    return running;
  }

  private async load(url: URL): Promise<Verdict> {
    const robotsUrl = `${url.origin}/robots.txt`;
    const now = this.options.now();
    let verdict: Verdict;
    try {
      const answer = await this.options.fetchRobots(robotsUrl);
      verdict = this.judge(robotsUrl, url.hostname, answer, now);
    } catch (err) {
      if (err instanceof FetchError && HOST_ERRORS.includes(err.code)) throw err;
      if (err instanceof FetchError && err.code === 'too_many_redirects') {
        verdict = { kind: 'allow-all', expiresAt: now + this.options.ttlMs };
      } else {
        const why = err instanceof FetchError ? err.message : String(err);
        verdict = { kind: 'disallow-all', reason: `could not be fetched (${why})`, expiresAt: now + this.options.unreachableTtlMs };
      }
    }
    if (this.verdicts.size >= MAX_ORIGINS) this.forgetExpired(now);
    this.verdicts.set(url.origin, verdict);
    return verdict;
  }

  private forgetExpired(now: number): void {
    for (const [origin, verdict] of this.verdicts) if (verdict.expiresAt <= now) this.verdicts.delete(origin);
  }

  private judge(robotsUrl: string, hostname: string, answer: RobotsAnswer, now: number): Verdict {
    const { status } = answer;
    if (status >= 200 && status < 300) {
      const text = new TextDecoder('utf-8').decode(answer.body);
      const robot = robotsParser(robotsUrl, text);
      const delay = robot.getCrawlDelay(this.options.productToken);
      if (typeof delay === 'number' && Number.isFinite(delay) && delay > 0) {
        this.crawlDelays.set(canonicalName(hostname), Math.min(delay * 1000, this.options.maxCrawlDelayMs));
      } else {
        this.crawlDelays.delete(canonicalName(hostname));
      }
      return { kind: 'rules', robot, expiresAt: now + this.options.ttlMs };
    }
    // 429 says "come back later", like a server error, not "there are no rules"; a 3xx that could not be
    // followed leaves robots.txt unavailable like a 4xx.
    if (status >= 300 && status < 500 && status !== 429) return { kind: 'allow-all', expiresAt: now + this.options.ttlMs };
    return { kind: 'disallow-all', reason: `is unreachable (server answered ${status})`, expiresAt: now + this.options.unreachableTtlMs };
  }
}
