// Structural checks of the demo feeds, one per format: the document has the elements its format
// requires, and the check returns the article URLs it lists (used by the server and truth tests).
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { parseDocument } from 'htmlparser2';
import { getElementsByTagName, textContent, getAttributeValue } from 'domutils';
import type { Document, Element } from 'domhandler';
import type { FeedFormat } from '../../demo/outlets.js';

function xml(body: Buffer, charset = 'utf8'): Document {
  const text = charset === 'utf8' ? body.toString('utf8') : iconv.decode(body, charset);
  return parseDocument(text, { xmlMode: true });
}

function only(name: string, node: Document | Element): Element {
  const found = getElementsByTagName(name, node, true);
  assert.equal(found.length, 1, `expected one <${name}>, found ${found.length}`);
  return found[0]!;
}

function child(el: Element, name: string): Element {
  const found = el.children.filter((c): c is Element => c.type === 'tag' && c.name === name);
  assert.ok(found.length > 0, `<${el.name}> has no <${name}>`);
  return found[0]!;
}

function childText(el: Element, name: string): string {
  return textContent(child(el, name)).trim();
}

function validDate(text: string, where: string): void {
  assert.ok(Number.isFinite(Date.parse(text)), `${where}: "${text}" is not a date`);
}

/** Per format: checks the document's structure and returns the article URLs it lists. */
export const feedChecks: Record<FeedFormat, (body: Buffer, charset: string) => string[]> = {
  atom1: (body) => {
    const feed = only('feed', xml(body));
    assert.equal(getAttributeValue(feed, 'xmlns'), 'http://www.w3.org/2005/Atom');
    for (const name of ['id', 'title', 'updated', 'author']) child(feed, name);
    validDate(childText(feed, 'updated'), 'feed updated');
    return getElementsByTagName('entry', feed.children, false).map((entry) => {
      for (const name of ['id', 'title', 'published', 'summary']) child(entry, name);
      validDate(childText(entry, 'updated'), 'entry updated');
      const content = child(entry, 'content');
      assert.equal(getAttributeValue(content, 'type'), 'xhtml');
      assert.equal(getAttributeValue(child(content, 'div'), 'xmlns'), 'http://www.w3.org/1999/xhtml');
      const alternate = entry.children.find((c): c is Element => c.type === 'tag' && c.name === 'link' && getAttributeValue(c, 'rel') === 'alternate');
      assert.ok(alternate, 'entry without rel=alternate link');
      return getAttributeValue(alternate, 'href')!;
    });
  },
  jsonfeed11: (body) => {
    const feed = JSON.parse(body.toString('utf8')) as { version: string; title: string; items: Array<Record<string, unknown>> };
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.ok(feed.title, 'feed title');
    return feed.items.map((item) => {
      assert.equal(typeof item.id, 'string');
      assert.equal(typeof item.content_html, 'string');
      assert.equal(typeof item.summary, 'string');
      assert.ok(Array.isArray(item.tags), 'item tags');
      validDate(item.date_published as string, 'date_published');
      return item.url as string;
    });
  },
  'news-sitemap': (body) => {
    const urlset = only('urlset', xml(body));
    assert.equal(getAttributeValue(urlset, 'xmlns'), 'http://www.sitemaps.org/schemas/sitemap/0.9');
    assert.equal(getAttributeValue(urlset, 'xmlns:news'), 'http://www.google.com/schemas/sitemap-news/0.9');
    return getElementsByTagName('url', urlset.children, false).map((url) => {
      const news = child(url, 'news:news');
      childText(child(news, 'news:publication'), 'news:name');
      validDate(childText(news, 'news:publication_date'), 'publication_date');
      assert.ok(childText(news, 'news:title'), 'news:title');
      return childText(url, 'loc');
    });
  },
  rss1: (body) => {
    const rdf = only('rdf:RDF', xml(body));
    assert.equal(getAttributeValue(rdf, 'xmlns'), 'http://purl.org/rss/1.0/');
    const channel = child(rdf, 'channel');
    const seq = getElementsByTagName('rdf:li', child(channel, 'items'), true).map((li) => getAttributeValue(li, 'rdf:resource'));
    const items = getElementsByTagName('item', rdf.children, false);
    assert.deepEqual(items.map((i) => getAttributeValue(i, 'rdf:about')), seq, 'rdf:Seq lists the items in order');
    return items.map((item) => {
      validDate(childText(item, 'dc:date'), 'dc:date');
      assert.equal(childText(item, 'link'), getAttributeValue(item, 'rdf:about'));
      return childText(item, 'link');
    });
  },
  rss2: (body, charset) => {
    const rss = only('rss', xml(body, charset));
    assert.equal(getAttributeValue(rss, 'version'), '2.0');
    const channel = child(rss, 'channel');
    for (const name of ['title', 'link', 'description']) child(channel, name);
    return getElementsByTagName('item', channel.children, false).map((item) => {
      for (const name of ['title', 'guid', 'content:encoded', 'category']) child(item, name);
      assert.ok(getAttributeValue(child(item, 'guid'), 'isPermaLink'), 'guid isPermaLink');
      validDate(childText(item, 'pubDate'), 'pubDate');
      return childText(item, 'link');
    });
  },
};

