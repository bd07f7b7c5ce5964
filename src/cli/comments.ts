// `topstory comments …`: the moderation queue and log, moving comments between statuses, a
// commenter's data export and erasure by email, and clearing IP hashes past their retention time.
// Lists show no email address; only `export`, which answers the commenter's own request, does.
import { userInfo } from 'node:os';
import { withApp, type App } from '../app.js';
import { TopstoryError, UsageError } from '../errors.js';
import { MODERATION_ACTIONS, COMMENT_STATUSES, type CommentStatus, type ModerationAction } from '../comments/moderation.js';
import { isEmailAddress } from '../comments/fields.js';
import {
  commentsByEmail, eraseCommentsByEmail, getComment, moderateComment, moderationLog, moderationQueue, purgeIpHashes, type ModerationItem,
} from '../store/comments.js';
import { absoluteTime } from '../web/views/time.js';
import { writeLine, type CliCommand, type CliIO } from './command.js';

const USAGE = 'comments pending|approve|hold|spam|delete|log|export|erase|purge-ip [ID…|EMAIL] [--status S] [--limit N] [--json] [--as NAME]';

interface Options {
  json: boolean;
  limit: number;
  status: CommentStatus;
  actor: string;
}

type Action = (app: App, args: string[], options: Options, io: CliIO) => Promise<number>;

function queueLine(c: ModerationItem): string {
  const excerpt = c.body.replace(/\s+/gu, ' ').slice(0, 160);
  return `#${c.id}  ${absoluteTime(c.created_at)}  ${c.author_name}${c.author_url ? ` <${c.author_url}>` : ''} on "${c.article_title}"` +
    `${c.status !== 'approved' && c.held_reason ? ` (held: ${c.held_reason.replaceAll('_', ' ')})` : ''}${c.parent_id ? ` replying to #${c.parent_id}` : ''}\n    ${excerpt}`;
}

// What a moderator sees of a comment: everything but the email and the hashes.
function queueJson(c: ModerationItem) {
  return {
    id: c.id, articleId: c.article_id, article: c.article_title, parentId: c.parent_id, status: c.status, heldReason: c.held_reason,
    author: c.author_name, url: c.author_url, body: c.body, createdAt: new Date(c.created_at).toISOString(),
  };
}

function commentIds(args: string[]): number[] {
  if (args.length === 0) throw new UsageError('cli', `name at least one comment id; usage: topstory ${USAGE}`);
  return args.map((a) => {
    if (!/^[1-9]\d{0,15}$/u.test(a)) throw new UsageError('cli', `"${a}" is not a comment id`);
    return Number(a);
  });
}

function emailArgument(args: string[]): string {
  const email = (args[0] ?? '').trim().toLowerCase();
  if (args.length !== 1 || !isEmailAddress(email)) throw new UsageError('cli', `name one email address; usage: topstory ${USAGE}`);
  return email;
}

function moderation(action: ModerationAction): Action {
  return async (app, args, options, io) => {
    const ids = commentIds(args);
    const status = MODERATION_ACTIONS[action];
    const missing: number[] = [];
    await app.store.writeTransaction(async (tx) => {
      for (const id of ids) {
        const comment = await getComment(tx, id);
        if (!comment || comment.author_email === '') missing.push(id);
        else await moderateComment(tx, id, status, options.actor, Date.now());
      }
    });
    for (const id of ids.filter((i) => !missing.includes(i))) writeLine(io.stdout, `#${id} ${status}`);
    if (missing.length > 0) throw new TopstoryError('comments', 'unknown_comment', `no comment ${missing.map((i) => `#${i}`).join(', ')}`);
    return 0;
  };
}

// Every subcommand, by name.
const ACTIONS: Readonly<Record<string, Action>> = {
  approve: moderation('approve'),
  delete: moderation('delete'),
  async erase(app, args, options, io) {
    const email = emailArgument(args);
    const erased = await app.store.writeTransaction((tx) => eraseCommentsByEmail(tx, email, options.actor, Date.now()));
    writeLine(io.stdout, `erased ${erased} ${erased === 1 ? 'comment' : 'comments'}`);
    return 0;
  },
  async export(app, args, _options, io) {
    const email = emailArgument(args);
    for (const c of await commentsByEmail(app.store, email)) {
      writeLine(io.stdout, JSON.stringify({
        id: c.id, articleId: c.article_id, article: c.article_title, parentId: c.parent_id, status: c.status,
        name: c.author_name, email: c.author_email, url: c.author_url, body: c.body,
        createdAt: new Date(c.created_at).toISOString(), updatedAt: new Date(c.updated_at).toISOString(),
        ipHashKept: c.ip_hash !== null,
      }));
    }
    return 0;
  },
  hold: moderation('hold'),
  async log(app, args, options, io) {
    const commentId = args.length > 0 ? commentIds(args.slice(0, 1))[0] : undefined;
    const entries = await moderationLog(app.store, { limit: options.limit, ...(commentId !== undefined ? { commentId } : {}) });
    for (const e of entries) {
      if (options.json) writeLine(io.stdout, JSON.stringify({ commentId: e.comment_id, action: e.action, actor: e.actor, reason: e.reason, at: new Date(e.created_at).toISOString() }));
      else writeLine(io.stdout, `${absoluteTime(e.created_at)}  #${e.comment_id} ${e.action} by ${e.actor}${e.reason ? ` (${e.reason.replaceAll('_', ' ')})` : ''}`);
    }
    return 0;
  },
  async pending(app, args, options, io) {
    if (args.length > 0) throw new UsageError('cli', `"pending" takes no arguments; usage: topstory ${USAGE}`);
    const items = await moderationQueue(app.store, options.status, options.limit);
    if (options.json) for (const c of items) writeLine(io.stdout, JSON.stringify(queueJson(c)));
    else if (items.length === 0) writeLine(io.stdout, `no ${options.status} comments`);
    else for (const c of items) writeLine(io.stdout, queueLine(c));
    return 0;
  },
  async 'purge-ip'(app, args, _options, io) {
    if (args.length > 0) throw new UsageError('cli', `"purge-ip" takes no arguments; usage: topstory ${USAGE}`);
    const before = Date.now() - app.config.commentsIpRetentionDays * 86_400_000;
    const cleared = await app.store.writeTransaction((tx) => purgeIpHashes(tx, before));
    writeLine(io.stdout, `cleared the IP hash of ${cleared} ${cleared === 1 ? 'comment' : 'comments'} older than ${app.config.commentsIpRetentionDays} days`);
    return 0;
  },
  spam: moderation('spam'),
};

export const commentsCommand: CliCommand = {
  name: 'comments',
  summary: 'Moderate reader comments: queue, approve/hold/spam/delete, log, export or erase by email, purge old IP hashes',
  usage: USAGE,
  options: {
    json: { type: 'boolean' },
    limit: { type: 'string' },
    status: { type: 'string' },
    as: { type: 'string' },
  },
  positionals: { min: 1, max: 1000 },
  async run(args, io) {
    const [name, ...rest] = args.positionals as [string, ...string[]];
    const action = ACTIONS[name];
    if (!action) throw new UsageError('cli', `unknown comments action "${name}"; usage: topstory ${USAGE}`);
    const limit = args.values.limit === undefined ? 100 : Number(args.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new UsageError('cli', '--limit must be an integer from 1 to 100000');
    const status = (args.values.status as string | undefined) ?? 'pending';
    if (!(COMMENT_STATUSES as readonly string[]).includes(status)) throw new UsageError('cli', `--status must be one of ${COMMENT_STATUSES.join(', ')}`);
    const who = (args.values.as as string | undefined) ?? safeUserName();
    const options: Options = { json: args.values.json === true, limit, status: status as CommentStatus, actor: `cli:${who}` };
    return withApp(io.env, (app) => action(app, rest, options, io));
  },
};

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
