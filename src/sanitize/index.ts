// The only way third-party or reader HTML reaches a page: an article policy (what a clean news
// article needs, nothing that can run, style or track) and a stricter comment policy.
// Both are idempotent: sanitizing sanitized HTML returns it unchanged.
import sanitizeHtml from 'sanitize-html';
import { EMBED_HOSTS, TRACKER_HOSTS, hostMatches } from './hosts.js';

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
  for (const [name, value] of Object.entries(attribs)) if (value !== undefined) out[name] = value;
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

function articleOptions(baseUrl: string | undefined): sanitizeHtml.IOptions {
  const renames: Record<string, sanitizeHtml.Transformer> = {};
  for (const [from, to] of Object.entries(ARTICLE_RENAMES)) renames[from] = () => ({ tagName: to, attribs: {} });
  return {
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
      ...renames,
      a: (_tag, attribs) => {
        const href = safeUrl(attribs.href, baseUrl, LINK_SCHEMES);
        return {
          tagName: 'a',
          attribs: withoutUndefined({ href, title: attribs.title, rel: href ? 'nofollow noopener noreferrer' : undefined }),
        };
      },
      blockquote: (_tag, attribs) => ({
        tagName: 'blockquote',
        attribs: withoutUndefined({ cite: safeUrl(attribs.cite, baseUrl, MEDIA_SCHEMES) }),
      }),
      iframe: (_tag, attribs) => {
        const src = safeUrl(attribs.src, baseUrl, ['https:']);
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
          src: safeUrl(attribs.src, baseUrl, MEDIA_SCHEMES),
          srcset: safeSrcset(attribs.srcset, baseUrl),
          alt: attribs.alt,
          title: attribs.title,
          width: dimension(attribs.width),
          height: dimension(attribs.height),
          loading: 'lazy',
        }),
      }),
    },
    exclusiveFilter: (frame) => {
      if (frame.tag === 'img') return !frame.attribs.src || isTrackingImage(frame.attribs);
      if (frame.tag === 'iframe') return !isEmbeddable(frame.attribs.src);
      if (frame.tag === 'a' && !frame.attribs.href) return 'excludeTag';
      return false;
    },
  };
}

const COMMENT_ELEMENTS: ReadonlySet<string> = new Set(['a', 'br', 'p']);

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
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
};

// C0 controls (but tab, line feed, carriage return) and DEL: never text a reader should see.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

// Void elements outside the policy: dropping them cannot change how the blocks around them nest.
const DROPPED_VOID = new Set(['area', 'base', 'col', 'embed', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Elements the article policy keeps as they are or under another name: dropping none of them keeps nesting. */
export const ARTICLE_ELEMENTS: ReadonlySet<string> = new Set([...ARTICLE_TAGS, ...Object.keys(ARTICLE_RENAMES)]);

/**
 * Sanitizes in one pass, and in a second one only when the first dropped a wrapper or unwrapped a link:
 * then blocks can be left nested where the parser would not nest them ("<p><span><p>" becomes
 * "<p><p>"), and the second pass reaches the form that parses back to itself. Either way the
 * result is a fixed point, which makes sanitizing idempotent.
 */
function sanitizeToFixedPoint(html: string, options: sanitizeHtml.IOptions, kept: ReadonlySet<string>, nestingLimit: number): string {
  let reshaped = false;
  let depth = 0;
  const filter = options.exclusiveFilter;
  const tracked: sanitizeHtml.IOptions = {
    ...options,
    onOpenTag: (name) => {
      if (!kept.has(name) && !DROPPED_VOID.has(name)) reshaped = true;
      if (++depth >= nestingLimit) reshaped = true;
    },
    onCloseTag: () => {
      depth--;
    },
    exclusiveFilter: filter
      ? (frame) => {
        const verdict = filter(frame);
        if (verdict === 'excludeTag') reshaped = true;
        return verdict;
      }
      : undefined,
  };
  const once = sanitizeHtml(html.replace(CONTROL_CHARACTERS, ''), tracked);
  // Entities such as "&#1;" decode to control characters inside the parser, so strip after too.
  return (reshaped ? sanitizeHtml(once, options) : once).replace(CONTROL_CHARACTERS, '');
}

/** Sanitizes article HTML (from an outlet's page or feed) for display; relative URLs resolve against `baseUrl`. */
export function sanitizeArticleHtml(html: string, baseUrl?: string): string {
  let base: string | undefined;
  if (baseUrl) {
    try {
      const parsed = new URL(baseUrl);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') base = parsed.href;
    } catch {
      base = undefined;
    }
  }
  return sanitizeToFixedPoint(html, articleOptions(base), ARTICLE_ELEMENTS, ARTICLE_NESTING_LIMIT);
}

/** Sanitizes a reader's comment: paragraphs, line breaks and http(s) links only. */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeToFixedPoint(html, COMMENT_OPTIONS, COMMENT_ELEMENTS, COMMENT_NESTING_LIMIT);
}
