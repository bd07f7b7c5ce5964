// `topstory cluster`: reads article JSON lines in arrival order on stdin and writes one line per
// article, `{id, story, duplicateOf?}`, as it goes. Pure: no database, no clock, the same input
// gives the same output.
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { TopstoryError, UsageError } from '../errors.js';
import { StoryClusterer } from '../stories/clusterer.js';
import { writeLine, type CliCommand } from './command.js';

const articleLine = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string(),
  text: z.string(),
  published: z.union([z.string(), z.number()]).refine((v) => Number.isFinite(typeof v === 'number' ? v : Date.parse(v)), 'is not a date'),
  url: z.string().nullish(),
  source: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? undefined : String(v))),
  lang: z.string().nullish(),
});

/** Explains the first problem of a parse in words: `published: is not a date`. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export const clusterCommand: CliCommand = {
  name: 'cluster',
  summary: 'Cluster article JSON lines from stdin into stories: one {id, story, duplicateOf?} line each',
  usage: 'cluster [--window HOURS]',
  options: { window: { type: 'string' } },
  async run(args, io) {
    const windowHours = args.values.window === undefined ? 72 : Number(args.values.window);
    if (!Number.isFinite(windowHours) || windowHours <= 0) throw new UsageError('stories', `--window must be a positive number of hours, not "${String(args.values.window)}"`);
    const clusterer = new StoryClusterer({ windowHours });
    const seen = new Set<string>();
    let lineNumber = 0;
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      lineNumber++;
      if (line.trim() === '') continue;
      const fail = (message: string, cause?: unknown) =>
        new TopstoryError('stories', 'bad_input', `line ${lineNumber}: ${message}`, { cause });
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (err) {
        throw fail(`not JSON (${(err as Error).message})`, err);
      }
      const parsed = articleLine.safeParse(json);
      if (!parsed.success) throw fail(describe(parsed.error));
      if (seen.has(parsed.data.id)) throw fail(`duplicate id "${parsed.data.id}"`);
      seen.add(parsed.data.id);
      const assignment = clusterer.add(parsed.data);
      writeLine(io.stdout, JSON.stringify({
        id: assignment.id, story: assignment.story, ...(assignment.duplicateOf ? { duplicateOf: assignment.duplicateOf } : {}),
      }));
    }
    return 0;
  },
};
