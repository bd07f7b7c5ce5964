// The database tables as Kysely sees them. Times are integer milliseconds since the epoch (UTC) on
// both databases, booleans are 0/1 integers, JSON is text: one representation for SQLite and PostgreSQL.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Id = Generated<number>;

export interface SourcesTable {
  id: Id;
  slug: string;
  name: string;
  /** 'feed' | 'sitemap' | 'page' */
  kind: Generated<string>;
  /** The URL polled: a feed, a sitemap or a page. */
  url: string;
  site_url: string | null;
  /** 'full' | 'excerpt': how much of an article the site republishes. */
  display: Generated<string>;
  /** 1 when article pages are fetched for full text. */
  fetch_full_text: Generated<number>;
  weight: Generated<number>;
  /** JSON: per-source extraction rules and other operator settings. */
  settings: Generated<string>;
  /** 'active' | 'paused' */
  status: Generated<string>;
  paused_reason: string | null;
  etag: string | null;
  last_modified: string | null;
  check_interval_s: Generated<number>;
  next_check_at: number;
  last_checked_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  consecutive_failures: Generated<number>;
  failing_since: number | null;
  articles_per_day: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface StoriesTable {
  id: Id;
  title: string;
  lang: string | null;
  score: Generated<number>;
  /** 1 when an admin pinned the story to the top. */
  pinned: Generated<number>;
  article_count: Generated<number>;
  outlet_count: Generated<number>;
  first_published_at: number;
  last_published_at: number;
  /**
   * Reserved by 0001 for the clustering state of the story; nothing has written it (every row holds
   * '{}'): the clusterer keeps its state in memory. The related profile is in story_profiles.
   */
  profile: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface ArticlesTable {
  id: Id;
  source_id: number;
  story_id: number | null;
  duplicate_of: number | null;
  url: string;
  normalized_url: string;
  guid: string | null;
  content_hash: string;
  title: string;
  lead: string | null;
  byline: string | null;
  text: Generated<string>;
  html: Generated<string>;
  lang: string | null;
  image_url: string | null;
  canonical_url: string | null;
  site_name: string | null;
  word_count: Generated<number>;
  published_at: number;
  modified_at: number | null;
  fetched_at: number;
  created_at: number;
  updated_at: number;
}

export interface EntitiesTable {
  id: Id;
  /** 'person' | 'place' | 'org' */
  kind: string;
  name: string;
  slug: string;
  created_at: number;
}

export interface ArticleEntitiesTable {
  article_id: number;
  entity_id: number;
  mentions: Generated<number>;
}

export interface CommentsTable {
  id: Id;
  article_id: number;
  parent_id: number | null;
  /** 'pending' | 'approved' | 'spam' | 'trash' */
  status: Generated<string>;
  author_name: string;
  author_email: string;
  author_url: string | null;
  body: string;
  /** Keyed HMAC of the poster's IP, cleared after the retention time. */
  ip_hash: string | null;
  /** Hash of the secret that lets the poster delete the comment. */
  delete_token_hash: string | null;
  /** 1 for a top-level comment, parent's depth + 1 for a reply (at most 5). */
  depth: Generated<number>;
  /** Unique per article, commenter and words (comments/moderation.ts duplicateKey); null once erased. */
  duplicate_key: string | null;
  /** Why the comment was held or marked spam when it was posted (comments/moderation.ts VerdictReason). */
  held_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface CommentModerationTable {
  id: Id;
  comment_id: number;
  action: string;
  actor: string;
  /** Why, in a word: the rule that held a new comment, or the moderator's note. */
  reason: string | null;
  created_at: number;
}

export interface UsersTable {
  id: Id;
  name: string;
  password_hash: string;
  /** 'admin' */
  role: Generated<string>;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is only in the cookie. */
  token_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
}

export interface ApiKeysTable {
  id: Id;
  user_id: number;
  name: string;
  key_hash: string;
  created_at: number;
  last_used_at: number | null;
}

export interface JobsTable {
  id: Id;
  kind: string;
  /** JSON payload. */
  payload: Generated<string>;
  /** Set for jobs that must exist at most once while queued or running. */
  unique_key: string | null;
  /** 'queued' | 'running' | 'done' | 'failed' */
  status: Generated<string>;
  run_at: number;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface SettingsTable {
  key: string;
  /** JSON value. */
  value: string;
  updated_at: number;
}

export interface RemovedArticlesTable {
  /** Id of an article that was deleted: its page answers 410 Gone. */
  id: number;
  removed_at: number;
}

/**
 * A story's related profile as the article page compares it (stories/related-profile.ts), stored
 * by the write path whenever the story's membership changes; `version` is the membership it was
 * built from (storyMembershipVersion) and `lang` the language its text was tokenized in.
 */
export interface StoryProfilesTable {
  story_id: number;
  version: string;
  lang: string;
  profile: Uint8Array;
}

export interface MigrationsTable {
  id: string;
  applied_at: ColumnType<number, number, never>;
}

/** Every table, for `Kysely<Database>`. */
export interface Database {
  sources: SourcesTable;
  stories: StoriesTable;
  articles: ArticlesTable;
  entities: EntitiesTable;
  article_entities: ArticleEntitiesTable;
  comments: CommentsTable;
  comment_moderation: CommentModerationTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  jobs: JobsTable;
  settings: SettingsTable;
  removed_articles: RemovedArticlesTable;
  story_profiles: StoryProfilesTable;
  schema_migrations: MigrationsTable;
}

export type SourceRow = Selectable<SourcesTable>;
export type NewSourceRow = Insertable<SourcesTable>;
export type SourceUpdate = Updateable<SourcesTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type StoryRow = Selectable<StoriesTable>;
export type CommentRow = Selectable<CommentsTable>;
export type JobRow = Selectable<JobsTable>;
export type EntityRow = Selectable<EntitiesTable>;
export type UserRow = Selectable<UsersTable>;
