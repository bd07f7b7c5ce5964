// The optional Akismet-compatible check (off unless an API key is configured). Akismet's
// `comment-check` API (https://akismet.com/developers/comment-check/) takes a form-encoded POST and
// answers the body "true" (spam) or "false"; anything else is an error, and the comment is then
// held rather than trusted. Built and read here; the caller sends it with its own HTTP client.
// The commenter's email is never sent (the API does not require it); the address is, as the API does.

/** Where and how to reach the service. */
export interface AkismetSettings {
  /** Base URL of the API, e.g. https://rest.akismet.com/1.1 (a compatible service works too). */
  url: string;
  key: string;
  /** The site's front page URL (Akismet's `blog`). */
  site: string;
}

/** What is sent about one comment. */
export interface AkismetComment {
  ip: string;
  userAgent: string;
  referrer: string;
  /** URL of the article the comment is on. */
  permalink: string;
  authorName: string;
  authorUrl: string | null;
  body: string;
  /** The comment's time, ms. */
  at: number;
}

/** The HTTP request for `comment-check`. */
export function akismetRequest(settings: AkismetSettings, comment: AkismetComment): { url: string; body: string } {
  const form = new URLSearchParams({
    api_key: settings.key,
    blog: settings.site,
    user_ip: comment.ip,
    user_agent: comment.userAgent,
    referrer: comment.referrer,
    permalink: comment.permalink,
    comment_type: 'comment',
    comment_author: comment.authorName,
    comment_author_url: comment.authorUrl ?? '',
    comment_content: comment.body,
    comment_date_gmt: new Date(comment.at).toISOString(),
  });
  return { url: `${settings.url.replace(/\/+$/u, '')}/comment-check`, body: form.toString() };
}

/** The service's answer as a verdict: `unknown` for anything but a 200 with "true" or "false". */
export function akismetVerdict(status: number, body: string): 'spam' | 'ham' | 'unknown' {
  if (status !== 200) return 'unknown';
  const text = body.trim();
  return text === 'true' ? 'spam' : text === 'false' ? 'ham' : 'unknown';
}
