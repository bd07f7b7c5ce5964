// `topstory rerank`: recomputes the stored score of every story active in the last 7 days, and stores
// their related profiles where missing or of an older membership (as after the upgrade that added them).
import { withApp } from '../app.js';
import { rescoreStories } from '../ingest/story-score.js';
import { rankedStories } from '../store/stories.js';
import { writeLine, type CliCommand } from './command.js';

export const rerankCommand: CliCommand = {
  name: 'rerank',
  summary: 'Recompute story scores now (workers also do it every 10 minutes)',
  usage: 'rerank',
  async run(_args, io) {
    return withApp(io.env, async (app) => {
      const now = Date.now();
      const count = await app.store.writeTransaction((tx) => rescoreStories(tx, now, now - 7 * 24 * 3_600_000));
      const top = (await rankedStories(app.store, { limit: 1 }))[0];
      writeLine(io.stdout, `rescored ${count} stories${top ? `; the Top Story is "${top.title}" (${top.outlet_count} outlets, score ${top.score.toFixed(3)}${top.pinned ? ', pinned' : ''})` : ''}`);
      return 0;
    });
  },
};
