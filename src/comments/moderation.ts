// Which status a new comment gets, and how moderators move comments between statuses. The spam
// defences that need no third party (honeypot, link count, word blocklist) and the moderation mode
// decide together, as one ordered table of rules: the first rule that applies wins.
import { createHash } from 'node:crypto';

/** The statuses a comment can have. Only `approved` comments are shown to readers. */
export const COMMENT_STATUSES = ['approved', 'pending', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** Moderation modes: hold every comment, hold first-time commenters (default), or hold none. */
export const MODERATION_MODES = ['hold-all', 'hold-first-time', 'hold-none'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

/** The site's spam and moderation settings. */
export interface ModerationPolicy {
  mode: ModerationMode;
  /** A comment with more links than this is held. */
  maxLinks: number;
}

/** What is known about a new comment when its status is decided. */
export interface CommentFacts {
  honeypotFilled: boolean;
  linkCount: number;
  /** The blocklisted word it contains, if any. */
  blocklisted: string | undefined;
  /** The commenter (by email) has an approved comment already. */
  knownCommenter: boolean;
  /** The Akismet-compatible check's answer: `off` when it is not configured. */
  akismet: 'spam' | 'ham' | 'unknown' | 'off';
}

/** Why a comment got its status: shown to moderators and written to the moderation log. */
export type VerdictReason =
  | 'honeypot' | 'akismet' | 'too_many_links' | 'blocklist' | 'akismet_unavailable'
  | 'hold_all' | 'first_time' | 'known_commenter' | 'hold_none';

interface Rule {
  reason: VerdictReason;
  status: CommentStatus;
  applies(facts: CommentFacts, policy: ModerationPolicy): boolean;
}

// In order: spam signals first, then what holds a comment whatever the mode, then the mode itself.
const RULES: readonly Rule[] = [
  { reason: 'honeypot', status: 'spam', applies: (f) => f.honeypotFilled },
  { reason: 'akismet', status: 'spam', applies: (f) => f.akismet === 'spam' },
  { reason: 'too_many_links', status: 'pending', applies: (f, p) => f.linkCount > p.maxLinks },
  { reason: 'blocklist', status: 'pending', applies: (f) => f.blocklisted !== undefined },
  { reason: 'akismet_unavailable', status: 'pending', applies: (f) => f.akismet === 'unknown' },
  { reason: 'hold_all', status: 'pending', applies: (_f, p) => p.mode === 'hold-all' },
  { reason: 'first_time', status: 'pending', applies: (f, p) => p.mode === 'hold-first-time' && !f.knownCommenter },
  { reason: 'known_commenter', status: 'approved', applies: (_f, p) => p.mode === 'hold-first-time' },
  { reason: 'hold_none', status: 'approved', applies: () => true },
];

/** The status of a new comment and why. */
export function commentVerdict(facts: CommentFacts, policy: ModerationPolicy): { status: CommentStatus; reason: VerdictReason } {
  const rule = RULES.find((r) => r.applies(facts, policy))!;
  return { status: rule.status, reason: rule.reason };
}

/** The blocklist setting (comma- or newline-separated words and phrases) as a list. */
export function parseBlocklist(setting: string): string[] {
  return [...new Set(setting.split(/[,\n]/u).map((w) => w.trim().toLowerCase()).filter((w) => w !== ''))].sort();
}

/** The first blocklisted word or phrase found as a whole word in any of the texts. */
export function blocklistMatch(blocklist: readonly string[], texts: readonly string[]): string | undefined {
  const haystack = ` ${texts.join(' \n ').toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}@.]+/gu, ' ')} `;
  return blocklist.find((entry) => {
    const needle = entry.normalize('NFKC').replace(/[^\p{L}\p{N}@.]+/gu, ' ').trim();
    return needle !== '' && haystack.includes(` ${needle} `);
  });
}

/**
 * The key that makes a comment unique: one commenter saying the same thing twice on one article
 * (a double click, a resent form) is a duplicate. Stored under a unique index, so two processes
 * racing with the same post cannot both store it.
 */
export function duplicateKey(articleId: number, email: string, body: string): string {
  const text = body.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return createHash('sha256').update(`${articleId}\n${email.trim().toLowerCase()}\n${text}`).digest('base64url');
}

/** What a moderator can do to a comment, and the status each action sets. */
export const MODERATION_ACTIONS = {
  approve: 'approved',
  hold: 'pending',
  spam: 'spam',
  delete: 'trash',
} as const satisfies Record<string, CommentStatus>;
export type ModerationAction = keyof typeof MODERATION_ACTIONS;

/** Replies nest at most this deep (a top-level comment is depth 1). */
export const MAX_THREAD_DEPTH = 5;
