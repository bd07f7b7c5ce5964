// `topstory stories [--limit N]` lists stories in rank order; `topstory pin ID [--off]` pins a story
// to the top of the front page (an admin override of the score) or releases it.
import { withApp } from '../app.js';
import { TopstoryError, UsageError } from '../errors.js';
import { getStory, rankedStories, setStoryPinned } from '../store/stories.js';
import { relativeTime } from '../web/views/time.js';
import { writeLine, type CliCommand } from './command.js';
import { positiveIntFlag } from './worker.js';

export const storiesCommand: CliCommand = {
  name: 'stories',
  summary: 'List stories in rank order (the first is the Top Story)',
  usage: 'stories [--limit N]',
  options: { limit: { type: 'string' } },
  async run(args, io) {
    const limit = positiveIntFlag(args.values.limit, 'limit', 20);
    return withApp(io.env, async (app) => {
      const now = Date.now();
      const stories = await rankedStories(app.store, { limit });
      if (stories.length === 0) writeLine(io.stdout, 'no stories yet');
      for (const [i, s] of stories.entries()) {
        writeLine(io.stdout, `${String(i + 1).padStart(2)}. [${s.id}] ${s.title} — ${s.outlet_count} outlets, ${s.article_count} articles, score ${s.score.toFixed(3)}${s.pinned ? ', pinned' : ''}, latest ${relativeTime(s.last_published_at, now)}`);
      }
      return 0;
    });
  },
};

export const pinCommand: CliCommand = {
  name: 'pin',
  summary: 'Pin a story to the top of the front page (--off releases it)',
  usage: 'pin STORY_ID [--off]',
  options: { off: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const id = Number(args.positionals[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('cli', `"${args.positionals[0]}" is not a story id (a whole number; see topstory stories)`);
    return withApp(io.env, async (app) => {
      const story = await getStory(app.store, id);
      if (!story) throw new TopstoryError('store', 'not_found', `no story ${id}`);
      await setStoryPinned(app.store, id, args.values.off !== true, Date.now());
      writeLine(io.stdout, `${args.values.off ? 'unpinned' : 'pinned'} story ${id}: ${story.title}`);
      return 0;
    });
  },
};
