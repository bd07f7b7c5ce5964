// The pure comments module: form reading with its limits, plain text → paragraphs and links,
// avatars, the signed form token, the moderation rules, threads and the privacy helpers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterCount, readCommentForm, websiteUrl } from '../../src/comments/fields.js';
import { commentHtml, findWebAddresses, linkCount } from '../../src/comments/render.js';
import { avatarHash, commentAvatar, initialsOf } from '../../src/comments/avatar.js';
import { checkFormToken, FORM_TOKEN_MAX_AGE_MS, signFormToken } from '../../src/comments/form-token.js';
import { blocklistMatch, commentVerdict, duplicateKey, parseBlocklist, type CommentFacts, type ModerationMode } from '../../src/comments/moderation.js';
import { buildThreads } from '../../src/comments/thread.js';
import { deleteSecretMatches, ipHash, newDeleteSecret, openCommenter, postedCookieValue, readPostedCookie, sealCommenter } from '../../src/comments/privacy.js';
import { akismetRequest, akismetVerdict } from '../../src/comments/akismet.js';

const SECRET = 's'.repeat(40);
const valid = { comment: 'A fair report.', author: 'Ada Lovelace', email: 'Ada@Example.org', url: '', parent: '0', token: 't' };

describe('reading the comment form', () => {
  const cases: Array<{ name: string; form: Record<string, string>; problems: Record<string, string> }> = [
    { name: 'a complete form', form: valid, problems: {} },
    { name: 'everything missing', form: {}, problems: { comment: 'required', author: 'required', email: 'required' } },
    { name: 'white space only', form: { ...valid, comment: ' \n\t ', author: '  ' }, problems: { comment: 'required', author: 'required' } },
    { name: 'comment of 10,000 characters', form: { ...valid, comment: 'é'.repeat(10_000) }, problems: {} },
    { name: 'comment of 10,001 characters', form: { ...valid, comment: 'x'.repeat(10_001) }, problems: { comment: 'too_long' } },
    { name: 'astral characters count once', form: { ...valid, comment: '😀'.repeat(10_000) }, problems: {} },
    { name: 'name of 101 characters', form: { ...valid, author: 'n'.repeat(101) }, problems: { author: 'too_long' } },
    { name: 'email of 255 characters', form: { ...valid, email: `${'a'.repeat(60)}@${'b'.repeat(190)}.org` }, problems: { email: 'too_long' } },
    { name: 'email without domain', form: { ...valid, email: 'ada@' }, problems: { email: 'invalid_email' } },
    { name: 'email without dot', form: { ...valid, email: 'ada@localhost' }, problems: { email: 'invalid_email' } },
    { name: 'website javascript:', form: { ...valid, url: 'javascript:alert(1)' }, problems: { url: 'invalid_url' } },
    { name: 'website of 201 characters', form: { ...valid, url: `https://example.org/${'p'.repeat(182)}` }, problems: { url: 'too_long' } },
    { name: 'parent not a number', form: { ...valid, parent: 'x' }, problems: { parent: 'required' } },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(readCommentForm(c.form).problems, c.problems));
  }

  it('normalizes what it keeps and keeps what was typed for re-showing', () => {
    const read = readCommentForm({ ...valid, comment: '\r\nLine one\r\nline two\u0007  \r\n\r\n', author: ' Ada \n Lovelace ', url: 'example.org/me', remember: 'yes', parent: '12' });
    assert.ok(read.draft, 'the form is valid');
    assert.equal(read.draft.body, 'Line one\nline two');
    assert.equal(read.draft.authorName, 'Ada Lovelace');
    assert.equal(read.draft.authorEmail, 'ada@example.org');
    assert.equal(read.draft.authorUrl, 'https://example.org/me');
    assert.equal(read.draft.parentId, 12);
    assert.equal(read.draft.remember, true);
    assert.equal(read.values.author, ' Ada \n Lovelace ');
  });

  it('the honeypot is noticed', () => {
    assert.equal(readCommentForm({ ...valid, homepage: 'http://spam.example' }).draft?.honeypotFilled, true);
    assert.equal(readCommentForm(valid).draft?.honeypotFilled, false);
  });

  it('website addresses', () => {
    assert.equal(websiteUrl('https://ada.example/'), 'https://ada.example/');
    assert.equal(websiteUrl('ftp://ada.example/'), undefined);
    assert.equal(websiteUrl('https://user:pw@ada.example/'), undefined);
    assert.equal(characterCount('a😀b'), 3);
  });
});

describe('rendering plain text', () => {
  it('paragraphs, line breaks and escaped markup', () => {
    assert.equal(commentHtml('First <b>bold</b> & "quoted"\nsecond line\n\n\nNew paragraph'),
      '<p>First &lt;b&gt;bold&lt;/b&gt; &amp; "quoted"<br />second line</p>\n<p>New paragraph</p>');
  });

  it('links web addresses with nofollow ugc noopener, trimming sentence punctuation', () => {
    const html = commentHtml('See https://example.org/a?b=1&c=2. Also (www.example.net/x) and https://en.wikipedia.org/wiki/Foo_(bar)!');
    const rels = [...html.matchAll(/rel="([^"]+)"/g)].map((m) => m[1]!.split(' '));
    assert.equal(rels.length, 3, html);
    for (const rel of rels) for (const token of ['nofollow', 'ugc', 'noopener']) assert.ok(rel.includes(token), `rel has ${token}: ${html}`);
    assert.match(html, /href="https:\/\/example\.org\/a\?b=1&amp;c=2"[^>]*>https:\/\/example\.org\/a\?b=1&amp;c=2<\/a>\. Also/);
    assert.match(html, /\(<a href="https:\/\/www\.example\.net\/x"[^>]*>www\.example\.net\/x<\/a>\)/);
    assert.match(html, /href="https:\/\/en\.wikipedia\.org\/wiki\/Foo_\(bar\)"/);
  });

  it('never links a script URL and never lets markup through', () => {
    const html = commentHtml('javascript:alert(1) <script>alert(1)</script> <img src=x onerror=alert(1)> http://"onmouseover=alert(1)//');
    assert.doesNotMatch(html, /<script|<img|href="javascript/i);
    assert.equal(findWebAddresses('javascript://example.org/%0aalert(1)').filter((p) => 'href' in p).length, 0);
  });

  it('counts links', () => {
    assert.equal(linkCount('no links here'), 0);
    assert.equal(linkCount('http://a.example https://b.example www.c.example'), 3);
  });
});

describe('avatars', () => {
  it('initials from the name, colour and pattern from a keyed hash', () => {
    assert.equal(initialsOf('Ada King Lovelace'), 'AL');
    assert.equal(initialsOf('ada'), 'A');
    assert.equal(initialsOf('Ёжик в тумане'), 'ЁТ');
    assert.equal(initialsOf('1234 !!'), '');
    const a = commentAvatar('Ada', avatarHash(SECRET, 'ada@example.org'));
    assert.deepEqual(commentAvatar('Ada', avatarHash(SECRET, ' ADA@example.org')), a, 'the same commenter looks the same');
    assert.notDeepEqual(commentAvatar('Ada', avatarHash('t'.repeat(40), 'ada@example.org')).cells, a.cells, 'another secret, another picture');
    for (let row = 0; row < 5; row++) assert.equal(a.cells[row * 5], a.cells[row * 5 + 4], 'identicons are mirrored');
  });
});

describe('the signed form token', () => {
  const t0 = Date.UTC(2026, 2, 4, 12);
  const token = signFormToken(SECRET, 7, t0);
  const cases: Array<[string, string | undefined, number, number, string | undefined]> = [
    ['valid after 3 s', token, 7, t0 + 3_000, undefined],
    ['valid after 23 h', token, 7, t0 + 23 * 3_600_000, undefined],
    ['too fast at 2.9 s', token, 7, t0 + 2_900, 'too_fast'],
    ['expired after 24 h', token, 7, t0 + FORM_TOKEN_MAX_AGE_MS + 1, 'expired'],
    ['missing', undefined, 7, t0 + 5_000, 'missing'],
    ['empty', '', 7, t0 + 5_000, 'missing'],
    ['for another article', token, 8, t0 + 5_000, 'forged'],
    ['another secret', signFormToken('x'.repeat(40), 7, t0), 7, t0 + 5_000, 'forged'],
    ['time changed', token.replace(/^[0-9a-z]+/, (t0 - 3_600_000).toString(36)), 7, t0 + 5_000, 'forged'],
    ['garbage', 'abc', 7, t0 + 5_000, 'forged'],
  ];
  for (const [name, given, article, now, expected] of cases) it(name, () => assert.equal(checkFormToken(SECRET, given, article, now), expected));
});

describe('moderation rules', () => {
  const clean: CommentFacts = { honeypotFilled: false, linkCount: 0, blocklisted: undefined, knownCommenter: false, akismet: 'off' };
  const cases: Array<[string, Partial<CommentFacts>, ModerationMode, string, string]> = [
    ['first-time commenter is held', {}, 'hold-first-time', 'pending', 'first_time'],
    ['known commenter is approved', { knownCommenter: true }, 'hold-first-time', 'approved', 'known_commenter'],
    ['hold-all holds a known commenter', { knownCommenter: true }, 'hold-all', 'pending', 'hold_all'],
    ['hold-none approves a stranger', {}, 'hold-none', 'approved', 'hold_none'],
    ['honeypot is spam in every mode', { honeypotFilled: true, knownCommenter: true }, 'hold-none', 'spam', 'honeypot'],
    ['two links pass', { linkCount: 2 }, 'hold-none', 'approved', 'hold_none'],
    ['three links are held even in hold-none', { linkCount: 3, knownCommenter: true }, 'hold-none', 'pending', 'too_many_links'],
    ['a blocklisted word is held', { blocklisted: 'casino', knownCommenter: true }, 'hold-first-time', 'pending', 'blocklist'],
    ['akismet spam', { akismet: 'spam', knownCommenter: true }, 'hold-none', 'spam', 'akismet'],
    ['akismet down holds', { akismet: 'unknown', knownCommenter: true }, 'hold-none', 'pending', 'akismet_unavailable'],
    ['akismet ham follows the mode', { akismet: 'ham' }, 'hold-first-time', 'pending', 'first_time'],
  ];
  for (const [name, facts, mode, status, reason] of cases) {
    it(name, () => assert.deepEqual(commentVerdict({ ...clean, ...facts }, { mode, maxLinks: 2 }), { status, reason }));
  }

  it('blocklist matches whole words in any case', () => {
    const list = parseBlocklist(' Casino, cheap pills,\nCASINO ');
    assert.deepEqual(list, ['casino', 'cheap pills']);
    assert.equal(blocklistMatch(list, ['Best CASINO here']), 'casino');
    assert.equal(blocklistMatch(list, ['Buy cheap   pills now']), 'cheap pills');
    assert.equal(blocklistMatch(list, ['casinos are fine']), undefined);
    assert.equal(blocklistMatch(list, ['nothing', 'me@casino.example']), undefined);
    assert.equal(blocklistMatch([], ['anything']), undefined);
  });

  it('duplicate keys ignore case and spacing but not the article or the commenter', () => {
    const key = duplicateKey(1, 'a@example.org', 'Hello  world');
    assert.equal(duplicateKey(1, 'A@Example.org', 'hello world'), key);
    assert.notEqual(duplicateKey(2, 'a@example.org', 'Hello world'), key);
    assert.notEqual(duplicateKey(1, 'b@example.org', 'Hello world'), key);
  });
});

describe('threads', () => {
  const c = (id: number, parent_id: number | null, created_at: number) => ({ id, parent_id, created_at });
  it('nests replies oldest first and orders top level as asked', () => {
    const rows = [c(1, null, 10), c(2, null, 20), c(3, 1, 30), c(4, 3, 40), c(5, 1, 25)];
    const shape = (nodes: ReturnType<typeof buildThreads<ReturnType<typeof c>>>): unknown => nodes.map((n) => [n.id, shape(n.replies)]);
    assert.deepEqual(shape(buildThreads(rows)), [[1, [[5, []], [3, [[4, []]]]]], [2, []]]);
    assert.deepEqual(shape(buildThreads(rows, 'newest')), [[2, []], [1, [[5, []], [3, [[4, []]]]]]]);
  });
  it('a reply to a comment not shown hangs under a placeholder', () => {
    const threads = buildThreads([c(1, null, 10), c(9, 7, 5)]);
    assert.equal(threads[0]!.id, 7);
    assert.equal(threads[0]!.comment, undefined);
    assert.equal(threads[0]!.replies[0]!.id, 9);
  });
});

describe('privacy helpers', () => {
  it('IP hashes are keyed; IPv6 counts by /64 and mapped IPv4 as IPv4', () => {
    assert.equal(ipHash(SECRET, '203.0.113.9'), ipHash(SECRET, '::ffff:203.0.113.9'));
    assert.notEqual(ipHash(SECRET, '203.0.113.9'), ipHash(SECRET, '203.0.113.10'));
    assert.equal(ipHash(SECRET, '2001:db8:1:2::1'), ipHash(SECRET, '2001:db8:1:2:ffff::9'));
    assert.notEqual(ipHash(SECRET, '2001:db8:1:2::1'), ipHash(SECRET, '2001:db8:1:3::1'));
    assert.notEqual(ipHash(SECRET, '203.0.113.9'), ipHash('k'.repeat(40), '203.0.113.9'));
    assert.doesNotMatch(ipHash(SECRET, '203.0.113.9'), /203/);
  });

  it('delete secrets: only the hash is kept', () => {
    const { secret, hash } = newDeleteSecret();
    assert.ok(!hash.includes(secret), 'the hash does not hold the secret');
    assert.equal(deleteSecretMatches(secret, hash), true);
    assert.equal(deleteSecretMatches(`${secret}x`, hash), false);
    assert.equal(deleteSecretMatches(secret, null), false);
  });

  it('the saved-details cookie is sealed: unreadable and tamper-proof', () => {
    const value = sealCommenter(SECRET, { name: 'Ada', email: 'ada@example.org', url: '' });
    assert.ok(!Buffer.from(value, 'base64url').toString('latin1').includes('ada@example.org'), 'the email is not readable in the cookie');
    assert.deepEqual(openCommenter(SECRET, value), { name: 'Ada', email: 'ada@example.org', url: '' });
    assert.equal(openCommenter('o'.repeat(40), value), undefined);
    // A bit of the ciphertext flipped (rewriting the last characters could leave the bytes as they
    // were: the last base64 character carries bits that decode to nothing, and 'AA' may be what was there).
    const tampered = Buffer.from(value, 'base64url');
    tampered[tampered.length - 1]! ^= 1;
    assert.equal(openCommenter(SECRET, tampered.toString('base64url')), undefined);
    assert.equal(openCommenter(SECRET, 'garbage'), undefined);
  });

  it('the posted-comments cookie keeps the newest five', () => {
    const posted = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, secret: `secret-number-${i}-abcdef` }));
    assert.deepEqual(readPostedCookie(postedCookieValue(posted)).map((p) => p.id), [3, 4, 5, 6, 7]);
    assert.deepEqual(readPostedCookie('1.short~x.y~'), []);
  });
});

describe('the Akismet-compatible request', () => {
  it('sends no email and reads only true/false', () => {
    const req = akismetRequest({ url: 'https://rest.akismet.com/1.1/', key: 'k', site: 'https://news.example' }, {
      ip: '203.0.113.9', userAgent: 'UA', referrer: '', permalink: 'https://news.example/articles/1/a', authorName: 'Ada', authorUrl: null, body: 'Hi', at: 0,
    });
    assert.equal(req.url, 'https://rest.akismet.com/1.1/comment-check');
    const form = new URLSearchParams(req.body);
    assert.equal(form.get('comment_content'), 'Hi');
    assert.equal(form.get('comment_author_email'), null);
    assert.equal(akismetVerdict(200, 'true'), 'spam');
    assert.equal(akismetVerdict(200, 'false\n'), 'ham');
    assert.equal(akismetVerdict(200, 'invalid'), 'unknown');
    assert.equal(akismetVerdict(500, 'false'), 'unknown');
  });
});
