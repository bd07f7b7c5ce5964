// The only way third-party or reader HTML reaches a page: an article policy (what a clean news
// article needs, nothing that can run, style or track) and a stricter comment policy.
// Both are idempotent: sanitizing sanitized HTML returns it unchanged.
import sanitizeHtml from 'sanitize-html';
import { EMBED_HOSTS, TRACKER_HOSTS, hostMatches } from './hosts.js';
import { sanitizeWellFormed, wellFormedPolicy, withoutControls, type ElementFilters, type ElementVerdict, type WellFormedPolicy } from './well-formed.js';

type Attributes = sanitizeHtml.Attributes;

/** Elements whose content is dropped with them: raw-text, foreign, form and template content. */
export const DROPPED_WITH_CONTENT = [
  'button', 'datalist', 'head', 'noembed', 'noframes', 'noscript', 'object', 'option',
  'plaintext', 'script', 'select', 'style', 'svg', 'template', 'textarea', 'title', 'xmp',
].sort();

const ARTICLE_TAGS = [
  'a', 'blockquote', 'br', 'caption', 'code', 'em', 'figcaption', 'figure', 'h2', 'h3', 'h4', 'h5',
  'h6', 'hr', 'iframe', 'img', 'li', 'ol', 'p', 'pre', 'strong', 'sub', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
];

/** Presentational or outdated names mapped to the element the article policy keeps. */
const ARTICLE_RENAMES: Readonly<Record<string, string>> = {
  b: 'strong',
  h1: 'h2',
  i: 'em',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
};

// Elements nested deeper than this lose their tags (their text stays).
const ARTICLE_NESTING_LIMIT = 200;
const COMMENT_NESTING_LIMIT = 50;

const LINK_SCHEMES = ['http:', 'https:', 'mailto:'];
const MEDIA_SCHEMES = ['http:', 'https:'];
const IFRAME_SANDBOX = 'allow-scripts allow-same-origin allow-presentation allow-popups';

/**
 * Resolves a URL attribute against the article's URL and keeps it only when its scheme is allowed;
 * relative URLs without a base stay relative (they cannot carry a scheme).
 */
function safeUrl(value: string | undefined, baseUrl: string | undefined, schemes: string[]): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  let url: URL;
  try {
    url = baseUrl ? new URL(trimmed, baseUrl) : new URL(trimmed);
  } catch {
    // No base and no scheme: a relative path. Refuse anything that looks like a scheme or a
    // protocol-relative host, which a browser would resolve against our own page.
    if (/^[\s\x00-\x1f]*[a-z][a-z0-9+.-]*:/i.test(trimmed) || /^[\s\\/]{2}/.test(trimmed)) return undefined;
    return trimmed;
  }
  return schemes.includes(url.protocol) ? url.href : undefined;
}

/** Keeps the srcset candidates whose URL is http(s), resolved against the article's URL. */
function safeSrcset(value: string | undefined, baseUrl: string | undefined): string | undefined {
  if (!value) return undefined;
  const kept: string[] = [];
  for (const candidate of value.split(/,\s+/)) {
    const [rawUrl, ...descriptor] = candidate.trim().split(/\s+/);
    const url = safeUrl(rawUrl, baseUrl, MEDIA_SCHEMES);
    const size = descriptor.join(' ');
    if (url && /^(\d+(\.\d+)?[wx])?$/.test(size)) kept.push(size ? `${url} ${size}` : url);
  }
  return kept.length > 0 ? kept.join(', ') : undefined;
}

/** A dimension attribute kept only when it is a plain number. */
function dimension(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{1,5}$/.test(value.trim()) ? value.trim() : undefined;
}

function withoutUndefined(attribs: Record<string, string | undefined>): Attributes {
  const out: Attributes = {};
  for (const name in attribs) {
    const value = attribs[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Whether an image is a tracking pixel: 1×1 (or smaller) or served by a tracker host. */
function isTrackingImage(attribs: Attributes): boolean {
  const w = attribs.width;
  const h = attribs.height;
  if ((w !== undefined && Number(w) <= 1) || (h !== undefined && Number(h) <= 1)) return true;
  const src = attribs.src;
  if (!src) return false;
  // src was resolved by safeUrl: an absolute http(s) URL whose host the pattern reads directly
  // (or a relative path, which names no tracker).
  const m = /^https?:\/\/(?:[^@/?#]*@)?([^/?#:]+)(?::\d+)?([^?#]*)/i.exec(src);
  return m ? hostMatches({ hostname: m[1]!, pathname: m[2] || '/' }, TRACKER_HOSTS) : false;
}

function isEmbeddable(src: string | undefined): boolean {
  if (!src) return false;
  try {
    const url = new URL(src);
    return url.protocol === 'https:' && EMBED_HOSTS.includes(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

// The article URL of the sanitizing in progress, which the transforms below resolve against.
// Sanitizing is synchronous, so one module-level value serves every call; the options are built once.
let articleBase: string | undefined;

const RENAMES: Record<string, sanitizeHtml.Transformer> = Object.fromEntries(
  Object.entries(ARTICLE_RENAMES).map(([from, to]) => [from, () => ({ tagName: to, attribs: {} })]),
);

// The exclusive filter as a table (element → verdict from its attributes, after the transforms):
// images that are missing or track, iframes from hosts that are not video players, links that
// lost their href (unwrapped, their text kept).
const ARTICLE_FILTERS: ElementFilters = new Map<string, (attribs: Attributes) => ElementVerdict>([
  ['a', (attribs) => (attribs.href ? false : 'excludeTag')],
  ['iframe', (attribs) => !isEmbeddable(attribs.src)],
  ['img', (attribs) => !attribs.src || isTrackingImage(attribs)],
]);

const ARTICLE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ARTICLE_TAGS,
  allowedAttributes: {
    a: ['href', 'rel', 'title'],
    blockquote: ['cite'],
    iframe: ['src', 'width', 'height', 'allowfullscreen', 'sandbox', 'title', 'loading'],
    img: ['src', 'srcset', 'alt', 'title', 'width', 'height', 'loading'],
    ol: ['start', 'reversed'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'], blockquote: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedIframeHostnames: [...EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  nestingLimit: ARTICLE_NESTING_LIMIT,
  parseStyleAttributes: false,
  transformTags: {
    ...RENAMES,
    a: (_tag, attribs) => {
      const href = safeUrl(attribs.href, articleBase, LINK_SCHEMES);
      return {
        tagName: 'a',
        attribs: withoutUndefined({ href, title: attribs.title, rel: href ? 'nofollow noopener noreferrer' : undefined }),
      };
    },
    blockquote: (_tag, attribs) => ({
      tagName: 'blockquote',
      attribs: withoutUndefined({ cite: safeUrl(attribs.cite, articleBase, MEDIA_SCHEMES) }),
    }),
    iframe: (_tag, attribs) => {
      const src = safeUrl(attribs.src, articleBase, ['https:']);
      return {
        tagName: 'iframe',
        attribs: withoutUndefined({
          src: isEmbeddable(src) ? src : undefined,
          width: dimension(attribs.width),
          height: dimension(attribs.height),
          title: attribs.title,
          allowfullscreen: src ? '' : undefined,
          sandbox: IFRAME_SANDBOX,
          loading: 'lazy',
        }),
      };
    },
    img: (_tag, attribs) => ({
      tagName: 'img',
      attribs: withoutUndefined({
        src: safeUrl(attribs.src, articleBase, MEDIA_SCHEMES),
        srcset: safeSrcset(attribs.srcset, articleBase),
        alt: attribs.alt,
        title: attribs.title,
        width: dimension(attribs.width),
        height: dimension(attribs.height),
        loading: 'lazy',
      }),
    }),
  },
  exclusiveFilter: (frame) => ARTICLE_FILTERS.get(frame.tag)?.(frame.attribs) ?? false,
};

const COMMENT_ELEMENTS: ReadonlySet<string> = new Set(['a', 'br', 'p']);

// Links that lost their href are unwrapped (their text kept).
const COMMENT_FILTERS: ElementFilters = new Map<string, (attribs: Attributes) => ElementVerdict>([
  ['a', (attribs) => (attribs.href ? false : 'excludeTag')],
]);

const COMMENT_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['a', 'br', 'p'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  nestingLimit: COMMENT_NESTING_LIMIT,
  parseStyleAttributes: false,
  transformTags: {
    a: (_tag, attribs) => {
      const href = safeUrl(attribs.href, undefined, MEDIA_SCHEMES);
      // Reader links get `ugc` (user-generated content) as search engines ask.
      const absolute = href !== undefined && /^https?:/i.test(href) ? href : undefined;
      return { tagName: 'a', attribs: withoutUndefined({ href: absolute, rel: absolute ? 'nofollow ugc noopener noreferrer' : undefined }) };
    },
  },
  exclusiveFilter: (frame) => COMMENT_FILTERS.get(frame.tag)?.(frame.attribs) ?? false,
};

// Void elements outside the policy: dropping them cannot change how the blocks around them nest.
const DROPPED_VOID = new Set(['area', 'base', 'col', 'embed', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Elements the article policy keeps as they are or under another name: dropping none of them keeps nesting. */
export const ARTICLE_ELEMENTS: ReadonlySet<string> = new Set([...ARTICLE_TAGS, ...Object.keys(ARTICLE_RENAMES)]);

/** One policy: its sanitize-html options, the same as one-pass tables, and what it keeps. */
interface Policy {
  options: sanitizeHtml.IOptions;
  /** The options with hooks that note whether the first pass reshaped the tree (see sanitizeToFixedPoint). */
  tracked: sanitizeHtml.IOptions;
  wellFormed: WellFormedPolicy;
}

// What the tracked options' hooks saw during the sanitize-html pass in progress.
const pass = { reshaped: false, depth: 0 };

function policy(options: sanitizeHtml.IOptions, filters: ElementFilters, kept: ReadonlySet<string>): Policy {
  const nestingLimit = options.nestingLimit!;
  const filter = options.exclusiveFilter!;
  const tracked: sanitizeHtml.IOptions = {
    ...options,
    onOpenTag: (name) => {
      if (!kept.has(name) && !DROPPED_VOID.has(name)) pass.reshaped = true;
      if (++pass.depth >= nestingLimit) pass.reshaped = true;
    },
    onCloseTag: () => {
      pass.depth--;
    },
    exclusiveFilter: (frame) => {
      const verdict = filter(frame);
      if (verdict === 'excludeTag') pass.reshaped = true;
      return verdict;
    },
  };
  return { options, tracked, wellFormed: wellFormedPolicy(options, filters) };
}

const ARTICLE_POLICY = policy(ARTICLE_OPTIONS, ARTICLE_FILTERS, ARTICLE_ELEMENTS);
const COMMENT_POLICY = policy(COMMENT_OPTIONS, COMMENT_FILTERS, COMMENT_ELEMENTS);

/**
 * Sanitizes in one pass, and in a second one only when the first dropped a wrapper or unwrapped a link:
 * then blocks can be left nested where the parser would not nest them ("<p><span><p>" becomes
 * "<p><p>"), and the second pass reaches the form that parses back to itself. Either way the
 * result is a fixed point, which makes sanitizing idempotent. Well-formed markup takes the one-pass
 * sanitizer (well-formed.ts), which gives the same result without sanitize-html's parser.
 */
function sanitizeToFixedPoint(html: string, p: Policy, onePass = true, controlFree = false): string {
  const clean = controlFree ? html : withoutControls(html);
  const quick = onePass ? sanitizeWellFormed(clean, p.wellFormed) : undefined;
  if (quick !== undefined) return quick;
  pass.reshaped = false;
  pass.depth = 0;
  const once = sanitizeHtml(clean, p.tracked);
  const result = pass.reshaped ? sanitizeHtml(once, p.options) : once;
  // Entities such as "&#1;" decode to control characters inside the parser, so strip after too.
  return withoutControls(result);
}

// The last base URL given and what it normalized to: a feed's items share one.
let lastBaseUrl: string | undefined;
let lastBase: string | undefined;

// The base URL relative links resolve against: only an http(s) URL is trusted as one. (Only
// ever used as the base of `new URL`, so it need not be normalized first.)
function articleBaseOf(baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined;
  if (baseUrl === lastBaseUrl) return lastBase;
  let base: string | undefined;
  if (/^https?:\/\//i.test(baseUrl)) {
    base = URL.canParse(baseUrl) ? baseUrl : undefined;
  } else {
    try {
      const parsed = new URL(baseUrl);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') base = parsed.href;
    } catch {
      base = undefined;
    }
  }
  lastBaseUrl = baseUrl;
  lastBase = base;
  return base;
}

/** How a caller can help the sanitizer. */
export interface SanitizeOptions {
  /**
   * The HTML is known to hold no control characters (C0 but tab, line feed and carriage return;
   * DEL), so the sanitizer need not look for them in its input (a feed parser that has checked
   * the whole document once says so).
   */
  controlFree?: boolean;
}

/** Sanitizes article HTML (from an outlet's page or feed) for display; relative URLs resolve against `baseUrl`. */
export function sanitizeArticleHtml(html: string, baseUrl?: string, options: SanitizeOptions = {}): string {
  return withArticleBase(baseUrl, () => sanitizeToFixedPoint(html, ARTICLE_POLICY, true, options.controlFree === true));
}

// Runs `sanitize` with relative links resolving against `baseUrl` (the article filters read it).
function withArticleBase<T>(baseUrl: string | undefined, sanitize: () => T): T {
  articleBase = articleBaseOf(baseUrl);
  try {
    return sanitize();
  } finally {
    articleBase = undefined;
  }
}

/** Sanitizes a reader's comment: paragraphs, line breaks and http(s) links only. */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeToFixedPoint(html, COMMENT_POLICY);
}

/**
 * For tests and benchmarks: each policy's one-pass sanitizer alone (undefined where it gives up)
 * and sanitize-html alone, which must agree wherever the one-pass sanitizer answers.
 */
export const sanitizerPaths = {
  articleOnePass: (html: string, baseUrl?: string): string | undefined => withArticleBase(baseUrl, () => sanitizeWellFormed(html, ARTICLE_POLICY.wellFormed)),
  articleByParser: (html: string, baseUrl?: string): string => withArticleBase(baseUrl, () => sanitizeToFixedPoint(html, ARTICLE_POLICY, false)),
  commentOnePass: (html: string): string | undefined => sanitizeWellFormed(html, COMMENT_POLICY.wellFormed),
  commentByParser: (html: string): string => sanitizeToFixedPoint(html, COMMENT_POLICY, false),
};
