// Builds the ingest pipeline's dependencies from the app: the guarded fetcher, the extraction pool
// and the story assigner. Commands (`worker`, `ingest`, `demo`) start workers from here.
import { randomInt } from 'node:crypto';
import type { App } from '../app.js';
import { createFetcher, type Fetcher, type FetcherOptions } from '../fetch/index.js';
import { version } from '../cli/version.js';
import { createExtractPool, type ExtractPool } from './extract-pool.js';
import type { PipelineDeps, StoryAssigner } from './pipeline.js';
import { createStoryAssigner } from './story-assigner.js';

/** The pipeline's dependencies plus how to release them. */
export interface Ingest extends PipelineDeps {
  close(): Promise<void>;
}

/** The User-Agent every request carries: who we are and where to read about it. */
export function userAgent(baseUrl: string): string {
  return `Topstory/${version()} (+${baseUrl})`;
}

/** Builds fetcher, extraction threads and story assigner for this process. */
export function createIngest(app: App, overrides: { fetcher?: Partial<FetcherOptions>; extractThreads?: number; now?: () => number } = {}): Ingest {
  const fetcher: Fetcher = createFetcher({
    userAgent: userAgent(app.config.baseUrl),
    allowPrivate: app.config.fetchAllowPrivate,
    perHostIntervalMs: app.config.fetchHostIntervalMs,
    ...overrides.fetcher,
  });
  const extractor: ExtractPool = createExtractPool(overrides.extractThreads !== undefined ? { size: overrides.extractThreads } : {});
  const stories: StoryAssigner = createStoryAssigner();
  return {
    store: app.store,
    fetcher,
    extractor,
    stories,
    log: app.log,
    now: overrides.now ?? Date.now,
    random: () => randomInt(0, 2 ** 32) / 2 ** 32,
    async close() {
      await extractor.close();
      await fetcher.close();
    },
  };
}
