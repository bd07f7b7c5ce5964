// The demo outlets' feeds, each a faithful document of its format: RSS 2.0 (WordPress and DataLife
// Engine flavours), Atom 1.0 (RFC 4287), RSS 1.0 (RDF Site Summary), JSON Feed 1.1 and a Google News
// sitemap. Pure: an outlet, its newest articles and a time in; the document text out.
import { blockText, visibleBlocks } from './blocks.js';
import type { ArticleView, SiteOutlet } from './edition.js';
import { drawLeadImage } from './images.js';
import { esc, isoTime, isoTimeWithOffset, rfc822 } from './markup.js';
import type { FeedFormat } from './outlets.js';
import { regionalOffsetMinutes } from './templates/regional.js';
import { bylineNames } from './templates/modern.js';

/** How many of the newest published articles a feed lists. */
export const feedSize = 30;

/** A feed document and the media type it is served with. */
export interface FeedDocument {
  text: string;
  contentType: string;
}

/** Wraps text in CDATA, splitting any "]]>" inside it so the section cannot end early. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** The article body a feed carries, as XHTML-compatible HTML (the paywall outlet gives its teaser only). */
export function feedContentHtml(view: ArticleView): string {
  const parts: string[] = [];
  if (view.imageUrl && view.article.image) {
    parts.push(`<figure><img src="${esc(view.imageUrl)}" alt="${esc(view.article.image.alt)}" width="1200" height="675" />`
      + `${view.article.image.caption ? `<figcaption>${esc(view.article.image.caption)}</figcaption>` : ''}</figure>`);
  }
  for (const block of visibleBlocks(view.site.template, view.article)) {
    if (typeof block === 'string') parts.push(`<p>${esc(block)}</p>`);
    else if ('h' in block) parts.push(`<h2>${esc(block.h)}</h2>`);
    else parts.push(`<blockquote><p>${esc(blockText(block))}</p>${block.cite ? `<footer>${esc(block.cite)}</footer>` : ''}</blockquote>`);
  }
  return parts.join('\n');
}

function imageLength(view: ArticleView): number {
  return Buffer.byteLength(drawLeadImage(view.article.id, view.article.image?.alt ?? ''));
}

/** A stable per-article id for formats that want one not tied to the server's port (RFC 4151 tag URI). */
function tagUri(site: SiteOutlet, view: ArticleView): string {
  return `tag:${site.slug}.example,${view.article.published.slice(0, 10)}:${view.permalink.path}`;
}

function rss2WordPress(site: SiteOutlet, items: ArticleView[], modified: Date): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	xmlns:media="http://search.yahoo.com/mrss/"
	>

<channel>
	<title>${esc(site.name)}</title>
	<atom:link href="${esc(site.feedUrl)}" rel="self" type="application/rss+xml" />
	<link>${esc(site.homeUrl)}</link>
	<description>${esc(site.tagline)}</description>
	<lastBuildDate>${rfc822(modified).replace('GMT', '+0000')}</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<sy:updateFrequency>
	1	</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.7.2</generator>
	<image>
		<url>${esc(site.baseUrl)}/logo.svg</url>
		<title>${esc(site.name)}</title>
		<link>${esc(site.homeUrl)}</link>
		<width>32</width>
		<height>32</height>
	</image>
${items.map((v) => `	<item>
		<title>${esc(v.title)}</title>
		<link>${esc(v.url)}</link>
		<comments>${esc(v.url)}#respond</comments>
		${v.article.byline ? `<dc:creator>${cdata(v.article.byline)}</dc:creator>` : ''}
		<pubDate>${rfc822(v.published).replace('GMT', '+0000')}</pubDate>
		${[v.article.section, ...v.article.tags].map((c) => `<category>${cdata(c)}</category>`).join('\n\t\t')}
		<guid isPermaLink="false">${esc(site.baseUrl)}/?p=${v.permalink.number}</guid>
		<description>${cdata(`<p>${esc(v.article.lead)} [&#8230;]</p>\n<p>The post <a href="${esc(v.url)}">${esc(v.title)}</a> appeared first on <a href="${esc(site.homeUrl)}">${esc(site.name)}</a>.</p>`)}</description>
		<content:encoded>${cdata(`${feedContentHtml(v)}\n<p>The post <a href="${esc(v.url)}">${esc(v.title)}</a> appeared first on <a href="${esc(site.homeUrl)}">${esc(site.name)}</a>.</p>`)}</content:encoded>
		<wfw:commentRss>${esc(v.url)}feed/</wfw:commentRss>
		<slash:comments>0</slash:comments>
		${v.imageUrl ? `<media:content url="${esc(v.imageUrl)}" type="image/svg+xml" medium="image" width="1200" height="675"><media:description type="plain">${esc(v.article.image?.alt ?? '')}</media:description></media:content>` : ''}
	</item>`).join('\n')}
</channel>
</rss>
`;
}

function rss2DataLife(site: SiteOutlet, items: ArticleView[], modified: Date): string {
  return `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${esc(site.name)}</title>
<link>${esc(site.homeUrl)}</link>
<language>ru</language>
<description>${esc(site.tagline)}</description>
<lastBuildDate>${rfc822(modified, regionalOffsetMinutes)}</lastBuildDate>
<generator>DataLife Engine</generator>
${items.map((v) => `<item>
<title>${esc(v.title)}</title>
<guid isPermaLink="true">${esc(v.url)}</guid>
<link>${esc(v.url)}</link>
<description>${cdata(esc(v.article.lead))}</description>
<content:encoded>${cdata(feedContentHtml(v))}</content:encoded>
<category>${cdata(v.article.section)}</category>
${v.article.byline ? `<dc:creator>${esc(v.article.byline)}</dc:creator>\n` : ''}<pubDate>${rfc822(v.published, regionalOffsetMinutes)}</pubDate>
${v.imageUrl ? `<enclosure url="${esc(v.imageUrl)}" length="${imageLength(v)}" type="image/svg+xml" />` : ''}
</item>`).join('\n')}
</channel>
</rss>
`;
}

function atom1(site: SiteOutlet, items: ArticleView[], modified: Date): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <id>tag:${site.slug}.example,2026:feed</id>
  <title type="text">${esc(site.name)}</title>
  <subtitle type="text">${esc(site.tagline)}</subtitle>
  <updated>${isoTime(modified)}</updated>
  <link rel="self" type="application/atom+xml" href="${esc(site.feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${esc(site.homeUrl)}"/>
  <author><name>${esc(site.name)}</name><uri>${esc(site.homeUrl)}</uri></author>
  <icon>${esc(site.baseUrl)}/logo.svg</icon>
  <rights>© 2026 Meridian News Ltd</rights>
  <generator uri="https://example.org/newsroom-cms" version="4.2">Newsroom CMS</generator>
${items.map((v) => `  <entry>
    <id>${esc(tagUri(site, v))}</id>
    <title type="text">${esc(v.title)}</title>
    <link rel="alternate" type="text/html" href="${esc(v.url)}"/>
${v.imageUrl ? `    <link rel="enclosure" type="image/svg+xml" length="${imageLength(v)}" href="${esc(v.imageUrl)}"/>\n` : ''}    <published>${isoTime(v.published)}</published>
    <updated>${isoTime(v.updated ?? v.published)}</updated>
${(v.article.byline ? bylineNames(v.article.byline) : []).map((n) => `    <author><name>${esc(n)}</name></author>\n`).join('')}    <category term="${esc(v.article.section.toLowerCase())}" label="${esc(v.article.section)}"/>
${v.article.tags.map((t) => `    <category term="${esc(t)}"/>\n`).join('')}    <summary type="text">${esc(v.article.lead)}</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${feedContentHtml(v)}</div></content>
  </entry>`).join('\n')}
</feed>
`;
}

function rss1(site: SiteOutlet, items: ArticleView[], modified: Date): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel rdf:about="${esc(site.feedUrl)}">
  <title>${esc(site.name)}</title>
  <link>${esc(site.homeUrl)}</link>
  <description>${esc(site.tagline)}</description>
  <dc:language>en</dc:language>
  <dc:date>${isoTimeWithOffset(modified, 0)}</dc:date>
  <dc:publisher>${esc(site.name)}</dc:publisher>
  <sy:updatePeriod>daily</sy:updatePeriod>
  <items>
    <rdf:Seq>
${items.map((v) => `      <rdf:li rdf:resource="${esc(v.url)}"/>`).join('\n')}
    </rdf:Seq>
  </items>
</channel>
${items.map((v) => `<item rdf:about="${esc(v.url)}">
  <title>${esc(v.title)}</title>
  <link>${esc(v.url)}</link>
  <description>${esc(v.article.lead)}</description>
  <dc:date>${isoTimeWithOffset(v.published, 0)}</dc:date>
${v.article.byline ? `  <dc:creator>${esc(v.article.byline)}</dc:creator>\n` : ''}  <dc:subject>${esc(v.article.section)}</dc:subject>
  <content:encoded>${cdata(feedContentHtml(v))}</content:encoded>
</item>`).join('\n')}
</rdf:RDF>
`;
}

function jsonFeed11(site: SiteOutlet, items: ArticleView[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: site.name,
    home_page_url: site.homeUrl,
    feed_url: site.feedUrl,
    description: site.tagline,
    icon: `${site.baseUrl}/logo.svg`,
    language: 'en-GB',
    authors: [{ name: site.name, url: site.homeUrl }],
    items: items.map((v) => ({
      id: v.permalink.path.split('/').pop(),
      url: v.url,
      title: v.title,
      content_html: feedContentHtml(v),
      summary: v.article.lead,
      ...(v.imageUrl ? { image: v.imageUrl } : {}),
      date_published: isoTime(v.published),
      ...(v.updated ? { date_modified: isoTime(v.updated) } : {}),
      ...(v.article.byline ? { authors: [{ name: v.article.byline }] } : {}),
      tags: [v.article.section, ...v.article.tags],
      _ledger: { content_tier: 'locked', section: v.article.section },
    })),
  };
  return JSON.stringify(feed, null, 2) + '\n';
}

function newsSitemap(site: SiteOutlet, items: ArticleView[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
${items.map((v) => `  <url>
    <loc>${esc(v.url)}</loc>
    <lastmod>${isoTime(v.updated ?? v.published)}</lastmod>
    <news:news>
      <news:publication>
        <news:name>${esc(site.name)}</news:name>
        <news:language>${esc(site.lang)}</news:language>
      </news:publication>
      <news:publication_date>${isoTime(v.published)}</news:publication_date>
      <news:title>${esc(v.title)}</news:title>
      <news:keywords>${esc(v.article.tags.join(', '))}</news:keywords>
    </news:news>
${v.imageUrl ? `    <image:image><image:loc>${esc(v.imageUrl)}</image:loc></image:image>\n` : ''}  </url>`).join('\n')}
</urlset>
`;
}

/** Media types by feed format, sorted by format. */
const contentTypes: Record<FeedFormat, string> = {
  atom1: 'application/atom+xml',
  jsonfeed11: 'application/feed+json',
  'news-sitemap': 'application/xml',
  rss1: 'application/rdf+xml',
  rss2: 'application/rss+xml',
};

/** Renders an outlet's feed from its published articles (newest first) as of `modified`. */
export function renderFeed(site: SiteOutlet, newestFirst: readonly ArticleView[], modified: Date): FeedDocument {
  const items = newestFirst.slice(0, feedSize);
  let text: string;
  switch (site.feed) {
    case 'rss2': text = site.charset === 'windows-1251' ? rss2DataLife(site, items, modified) : rss2WordPress(site, items, modified); break;
    case 'atom1': text = atom1(site, items, modified); break;
    case 'rss1': text = rss1(site, items, modified); break;
    case 'jsonfeed11': text = jsonFeed11(site, items); break;
    case 'news-sitemap': text = newsSitemap(site, items); break;
  }
  return { text, contentType: `${contentTypes[site.feed]}; charset=${site.charset}` };
}
