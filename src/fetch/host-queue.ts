// Politeness per host: at most `concurrency` requests in flight to one host, and request starts at
// least the host's interval apart (the operator's minimum, raised by robots.txt Crawl-delay).
// Waiting requests are served first come, first served.

/** Clock and timer the queue runs on; tests pass a fake pair. */
export interface QueueClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

interface HostState {
  active: number;
  waiters: (() => void)[];
  nextStartAt: number;
}

/** A small per-host queue of request starts. */
export class HostQueue {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly concurrency: number,
    private readonly intervalFor: (host: string) => number,
    private readonly clock: QueueClock,
  ) {}

  /** Waits for a slot on `host` and its turn to start; resolves to the function that frees the slot. */
  async acquire(host: string): Promise<() => void> {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, waiters: [], nextStartAt: 0 };
      this.hosts.set(host, state);
    }
    if (state.active >= this.concurrency) {
      // The releasing request hands its slot over, so `active` is not decremented in between.
      await new Promise<void>((resolve) => state.waiters.push(resolve));
    } else {
      state.active++;
    }
    const now = this.clock.now();
    const startAt = Math.max(now, state.nextStartAt);
    // Reserve the start now so that requests waiting together are spaced, not released at once.
    state.nextStartAt = startAt + this.intervalFor(host);
    if (startAt > now) await this.clock.sleep(startAt - now);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(host, state);
    };
  }

  /** Requests now in flight to `host` (for tests and metrics). */
  active(host: string): number {
    return this.hosts.get(host)?.active ?? 0;
  }

  private release(host: string, state: HostState): void {
    const next = state.waiters.shift();
    if (next) {
      next();
      return;
    }
    state.active--;
    // Forget idle hosts whose spacing has passed, so the map holds only hosts in use.
    if (state.active === 0 && state.nextStartAt <= this.clock.now()) this.hosts.delete(host);
  }
}
