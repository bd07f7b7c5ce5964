// `topstory recluster`: rebuild every story from the stored articles.
import { withApp } from '../app.js';
import { recluster } from '../ingest/recluster.js';
import { writeLine, type CliCommand } from './command.js';

export const reclusterCommand: CliCommand = {
  name: 'recluster',
  summary: 'Rebuild all stories from the stored articles (running workers follow)',
  usage: 'recluster',
  async run(_args, io) {
    return withApp(io.env, async (app) => {
      const result = await recluster(app.store, Date.now());
      writeLine(io.stdout, `rebuilt ${result.stories} stories from ${result.articles} articles (${result.duplicates} duplicates)`);
      return 0;
    });
  },
};
