// `topstory sources`: every source with its health in words.
import { withApp } from '../app.js';
import { articleCountsBySource, listSources } from '../store/sources.js';
import { sourceHealth } from '../web/views/source-health.js';
import { relativeTime, nextCheckWords } from '../web/views/time.js';
import { writeLine, type CliCommand } from './command.js';

export const sourcesCommand: CliCommand = {
  name: 'sources',
  summary: 'List sources with their health: last success, last error, next check, articles',
  usage: 'sources [--json]',
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    return withApp(io.env, async (app) => {
      const now = Date.now();
      const [sources, counts] = await Promise.all([listSources(app.store), articleCountsBySource(app.store)]);
      if (args.values.json) {
        for (const s of sources) {
          writeLine(io.stdout, JSON.stringify({
            id: s.id, slug: s.slug, name: s.name, kind: s.kind, url: s.url, display: s.display, status: s.status,
            health: sourceHealth(s, now).state, lastSuccessAt: s.last_success_at && new Date(s.last_success_at).toISOString(),
            lastError: s.last_error, nextCheckAt: new Date(s.next_check_at).toISOString(), articles: counts.get(s.id) ?? 0,
            articlesPerDay: s.articles_per_day,
          }));
        }
        return 0;
      }
      if (sources.length === 0) {
        writeLine(io.stdout, 'no sources yet; add one with: topstory add-source URL');
        return 0;
      }
      for (const s of sources) {
        writeLine(io.stdout, `${s.name} (${s.slug}) — ${s.kind} ${s.url}`);
        writeLine(io.stdout, `  health: ${sourceHealth(s, now).words}`);
        writeLine(io.stdout, `  last success: ${relativeTime(s.last_success_at, now)}; last error: ${s.last_error ? `${s.last_error} (${relativeTime(s.last_error_at, now)})` : 'none'}`);
        writeLine(io.stdout, `  next check: ${s.status === 'paused' ? 'none while paused' : nextCheckWords(s.next_check_at, now)}; articles: ${counts.get(s.id) ?? 0} stored, ${s.articles_per_day.toFixed(1)} a day`);
      }
      return 0;
    });
  },
};
