// What a reader may post in the "Leave a Reply" form: the fields, their limits (issue #8: comment
// 10,000 characters, name 100, email 254, website 200) and the checks that turn raw form input into
// a draft or into a problem per field. Problems are codes; the web layer words them.

/** The form's field names, as the HTML form and the POST handler spell them. */
export const FORM_FIELDS = {
  comment: 'comment',
  author: 'author',
  email: 'email',
  url: 'url',
  remember: 'remember',
  parent: 'parent',
  token: 'token',
  // The honeypot: hidden from people (the `hidden` attribute), filled in by form-filling bots.
  honeypot: 'homepage',
} as const;

/** The fields a reader types, with their limits in characters (Unicode code points). */
export const FIELD_LIMITS = {
  comment: { max: 10_000, required: true },
  author: { max: 100, required: true },
  email: { max: 254, required: true },
  url: { max: 200, required: false },
} as const;

export type TypedField = keyof typeof FIELD_LIMITS;

/** What can be wrong with one typed field. */
export type FieldProblem = 'required' | 'too_long' | 'invalid_email' | 'invalid_url';

/** A comment as a reader submitted it, normalized and checked. */
export interface CommentDraft {
  body: string;
  authorName: string;
  /** Lower case: one commenter, however they capitalize it. */
  authorEmail: string;
  authorUrl: string | null;
  parentId: number | null;
  remember: boolean;
  honeypotFilled: boolean;
}

/** The outcome of reading a form: the typed values (to re-show them) and either a draft or problems. */
export interface ReadForm {
  values: Record<TypedField, string> & { parent: string; remember: string };
  problems: Partial<Record<TypedField | 'parent', FieldProblem>>;
  draft?: CommentDraft;
}

// C0 controls but tab and line feed, DEL, and the bidirectional overrides that can disguise text.
const UNWANTED_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/gu;

/** Length in characters as a reader counts them (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Multi-line text: NFC, Unix line ends, no control characters, no blank lines at either end. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/gu, '\n').replace(UNWANTED_CHARACTERS, '').replace(/[ \t]+$/gmu, '').replace(/^\n+|\s+$/gu, '');
}

/** One-line text: whitespace runs become one space. */
export function normalizeLine(text: string): string {
  return normalizeText(text).replace(/\s+/gu, ' ').trim();
}

// Deliberately loose (RFC 5321 allows much more than people type): something@domain.tld, no spaces.
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/** True when `email` looks like an address mail can be sent to. */
export function isEmailAddress(email: string): boolean {
  return EMAIL.test(email) && !email.includes('..');
}

/** A reader's website as an http(s) URL (a bare "example.org" gets https://), or undefined when it is not one. */
export function websiteUrl(typed: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:/iu.test(typed) ? typed : `https://${typed.replace(/^\/+/u, '')}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return undefined;
  return url.href;
}

/** Reads the posted fields of the comment form into a draft, or into a problem per field. */
export function readCommentForm(form: Readonly<Record<string, string | undefined>>): ReadForm {
  const raw = (name: string) => form[name] ?? '';
  const values = {
    comment: raw(FORM_FIELDS.comment),
    author: raw(FORM_FIELDS.author),
    email: raw(FORM_FIELDS.email),
    url: raw(FORM_FIELDS.url),
    parent: raw(FORM_FIELDS.parent),
    remember: raw(FORM_FIELDS.remember),
  };
  const body = normalizeText(values.comment);
  const authorName = normalizeLine(values.author);
  const authorEmail = normalizeLine(values.email).toLowerCase();
  const typedUrl = normalizeLine(values.url);
  const problems: ReadForm['problems'] = {};
  const cleaned: Record<TypedField, string> = { comment: body, author: authorName, email: authorEmail, url: typedUrl };
  for (const [field, limit] of Object.entries(FIELD_LIMITS) as [TypedField, (typeof FIELD_LIMITS)[TypedField]][]) {
    const value = cleaned[field];
    if (value === '' && limit.required) problems[field] = 'required';
    else if (characterCount(value) > limit.max) problems[field] = 'too_long';
  }
  if (!problems.email && !isEmailAddress(authorEmail)) problems.email = 'invalid_email';
  const authorUrl = typedUrl === '' ? null : websiteUrl(typedUrl);
  if (!problems.url && authorUrl === undefined) problems.url = 'invalid_url';
  let parentId: number | null = null;
  if (values.parent.trim() !== '' && values.parent.trim() !== '0') {
    parentId = /^\d{1,15}$/u.test(values.parent.trim()) ? Number(values.parent.trim()) : null;
    if (parentId === null) problems.parent = 'required';
  }
  if (Object.keys(problems).length > 0) return { values, problems };
  return {
    values,
    problems,
    draft: {
      body, authorName, authorEmail, authorUrl: authorUrl ?? null, parentId,
      remember: values.remember !== '',
      honeypotFilled: raw(FORM_FIELDS.honeypot).trim() !== '',
    },
  };
}
