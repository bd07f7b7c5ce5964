// Northfield Notes: a hand-written personal blog page — little markup, a <div class="post">, a
// date line and "Posted by", a meta description and nothing else machine-readable.
import { clockTime, esc, longDate } from '../markup.js';
import { feedLink, plainBlocks, renderBlocks, type ArticlePage, type HomePage, type Template } from './page.js';
import type { SiteOutlet } from '../edition.js';

function top(site: SiteOutlet, title: string, description: string, canonical: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<link rel="canonical" href="${esc(canonical)}">
${feedLink(site)}
<link rel="stylesheet" href="${esc(site.baseUrl)}/style.css" type="text/css">
</head>
<body>
<div id="wrap">
<div id="header"><a href="${esc(site.homeUrl)}">${esc(site.name)}</a><br><small>${esc(site.tagline)}</small></div>
<div id="content">`;
}

function bottom(site: SiteOutlet): string {
  return `</div>
<div id="side">
<p><b>About</b><br>Notes from a small newsroom in the north. We publish when we have something to say.</p>
<p><a href="${esc(site.feedUrl)}">Subscribe (RSS)</a></p>
<p><b>Blogroll</b><br><a href="https://example.org/slow-news">Slow News Weekly</a><br><a href="https://example.net/fieldnotes">Field Notes</a></p>
</div>
<div id="footer">&copy; Northfield Notes. Written by hand, served by a very old computer.</div>
</div>
</body>
</html>
`;
}

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function weekday(date: Date): string {
  return weekdays[date.getUTCDay()]!;
}

/** The personal-blog template. */
export const minimal: Template = {
  article(page: ArticlePage): string {
    const { view } = page;
    const { article, site } = view;
    const image = article.image && view.imageUrl
      ? `<p><img src="${esc(view.imageUrl)}" alt="${esc(article.image.alt)}" width="600"></p>`
      : '';
    return `${top(site, `${view.title} - ${site.name}`, article.lead, view.url)}
<div class="post">
<h2 class="title">${esc(view.title)}</h2>
<div class="date">${weekday(view.published)}, ${esc(longDate(view.published, 'en'))}, ${clockTime(view.published)} GMT</div>
${image}
${renderBlocks(page.blocks, plainBlocks)}
<p class="postmeta">Posted ${article.byline ? `by ${esc(article.byline)} ` : ''}in <a href="${esc(site.baseUrl)}/category/${esc(article.section.toLowerCase())}.html">${esc(article.section)}</a>${view.updated ? ` &middot; edited ${esc(longDate(view.updated, 'en'))}` : ''} &middot; <a href="${esc(view.url)}">Permalink</a></p>
</div>
<p class="nav">${page.previous ? `&laquo; <a href="${esc(page.previous.url)}">${esc(page.previous.title)}</a> | ` : ''}<a href="${esc(site.homeUrl)}">Home</a></p>
${bottom(site)}`;
  },

  home(page: HomePage): string {
    const { site } = page;
    return `${top(site, site.name, site.tagline, site.homeUrl)}
${page.items.map((v) => `<div class="post">
<h2 class="title"><a href="${esc(v.url)}">${esc(v.title)}</a></h2>
<div class="date">${esc(longDate(v.published, 'en'))}</div>
<p>${esc(v.article.lead)} <a href="${esc(v.url)}">Read more&hellip;</a></p>
</div>`).join('\n')}
${bottom(site)}`;
  },
};
