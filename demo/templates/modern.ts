// Meridian News: a modern newsroom CMS page — JSON-LD NewsArticle in an @graph, OpenGraph and Twitter
// cards, a semantic <article> with figure and <time>, a newsletter signup inside the body, a "Most
// read" aside, a cookie banner and a large footer.
import type { ArticleView } from '../edition.js';
import { esc, isoTime, longDate, clockTime } from '../markup.js';
import { feedLink, renderBlocks, scriptJson, type ArticlePage, type BlockStyle, type HomePage, type Template } from './page.js';

const sections = ['World', 'Politics', 'Business', 'Science', 'Climate', 'Culture', 'Opinion'];

/** Splits "Ana Lobo and Tomas Reed" / "A, B and C" into names. */
export function bylineNames(byline: string): string[] {
  return byline.split(/\s*,\s*|\s+and\s+|\s*&\s*|\s+и\s+/).map((s) => s.trim()).filter(Boolean);
}

function slugOf(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function chrome(site: ArticleView['site']): { header: string; footer: string } {
  return {
    header: `<div class="cookie-banner" id="cookie-consent" role="dialog" aria-label="Cookie consent">
<p>We use cookies to improve your experience, measure audiences and show you relevant advertising. You can change your choices at any time in <a href="${esc(site.baseUrl)}/privacy#cookies">Privacy settings</a>.</p>
<button type="button" data-consent="accept">Accept all</button> <button type="button" data-consent="reject">Reject non-essential</button> <button type="button" data-consent="manage">Manage options</button>
</div>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="site-header">
<div class="site-header__top"><a class="site-header__logo" href="${esc(site.homeUrl)}"><img src="${esc(site.baseUrl)}/logo.svg" alt="${esc(site.name)}" width="300" height="30"></a>
<a class="site-header__subscribe" href="${esc(site.baseUrl)}/support">Support independent journalism</a> <a class="site-header__signin" href="${esc(site.baseUrl)}/account/signin">Sign in</a></div>
<nav class="site-nav" aria-label="Sections"><ul>${sections.map((s) => `<li><a href="${esc(site.baseUrl)}/${slugOf(s)}">${esc(s)}</a></li>`).join('')}</ul></nav>
</header>`,
    footer: `<footer class="site-footer">
<div class="site-footer__columns">
<div><h2>Sections</h2><ul>${sections.map((s) => `<li><a href="${esc(site.baseUrl)}/${slugOf(s)}">${esc(s)}</a></li>`).join('')}</ul></div>
<div><h2>About</h2><ul><li><a href="${esc(site.baseUrl)}/about">About Meridian</a></li><li><a href="${esc(site.baseUrl)}/standards">Editorial standards</a></li><li><a href="${esc(site.baseUrl)}/corrections">Corrections</a></li><li><a href="${esc(site.baseUrl)}/jobs">Work for us</a></li></ul></div>
<div><h2>Follow</h2><ul><li><a href="https://mastodon.social/@meridian">Mastodon</a></li><li><a href="https://bsky.app/profile/meridian.example">Bluesky</a></li><li><a href="${esc(site.feedUrl)}">Atom feed</a></li></ul></div>
</div>
<p class="site-footer__legal">&copy; 2026 Meridian News Ltd. Registered in England No. 01234567. <a href="${esc(site.baseUrl)}/terms">Terms</a> · <a href="${esc(site.baseUrl)}/privacy">Privacy</a> · <a href="${esc(site.baseUrl)}/privacy#cookies">Cookie settings</a></p>
</footer>
<script src="${esc(site.baseUrl)}/static/js/app.7f3c2a.js" defer></script>`,
  };
}

function headMeta(site: ArticleView['site']): string {
  return `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="${esc(site.baseUrl)}/logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="${esc(site.baseUrl)}/static/css/main.4b1e9d.css">
<link rel="preconnect" href="https://fonts.example-cdn.net">
${feedLink(site)}`;
}

const blockStyle: BlockStyle = {
  paragraph: (text) => `<p class="article__paragraph">${esc(text)}</p>`,
  heading: (text) => `<h2 class="article__subheading">${esc(text)}</h2>`,
  quote: (text, cite) => `<blockquote class="article__quote"><p>${esc(text)}</p>${cite ? `<cite>${esc(cite)}</cite>` : ''}</blockquote>`,
  afterParagraph: (n, total) => n === Math.min(3, total - 1)
    ? `<aside class="newsletter-inline" aria-label="Newsletter"><h3>The Meridian Briefing</h3><p>Sign up for our free morning newsletter and get the news that matters in five minutes.</p><form action="/newsletter" method="post"><input type="email" name="email" placeholder="Email address" aria-label="Email address"><button>Sign up</button></form><p class="newsletter-inline__small">By signing up you agree to our privacy policy.</p></aside>`
    : '',
};

/** The Meridian template. */
export const modern: Template = {
  article(page: ArticlePage): string {
    const { view } = page;
    const { article, site } = view;
    const names = article.byline ? bylineNames(article.byline) : [];
    const modified = view.updated ?? view.published;
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        {
          '@type': 'NewsArticle',
          '@id': `${view.url}#article`,
          headline: view.title,
          description: article.lead,
          datePublished: isoTime(view.published),
          dateModified: isoTime(modified),
          articleSection: article.section,
          keywords: article.tags,
          inLanguage: site.lang,
          author: names.length > 0
            ? names.map((n) => ({ '@type': 'Person', name: n, url: `${site.baseUrl}/authors/${slugOf(n)}` }))
            : [{ '@type': 'Organization', name: site.name }],
          publisher: { '@id': `${site.baseUrl}/#organization` },
          ...(view.imageUrl ? { image: { '@type': 'ImageObject', url: view.imageUrl, width: 1200, height: 675 } } : {}),
          mainEntityOfPage: { '@id': view.url },
          isAccessibleForFree: true,
        },
        { '@type': 'WebPage', '@id': view.url, url: view.url, name: `${view.title} | ${site.name}`, isPartOf: { '@id': `${site.baseUrl}/#website` } },
        { '@type': 'WebSite', '@id': `${site.baseUrl}/#website`, url: site.homeUrl, name: site.name },
        {
          '@type': 'Organization', '@id': `${site.baseUrl}/#organization`, name: site.name, url: site.homeUrl,
          logo: { '@type': 'ImageObject', url: `${site.baseUrl}/logo.svg`, width: 600, height: 60 },
        },
        {
          '@type': 'BreadcrumbList',
          itemListElement: [
            { '@type': 'ListItem', position: 1, name: 'Home', item: site.homeUrl },
            { '@type': 'ListItem', position: 2, name: article.section, item: `${site.baseUrl}/${slugOf(article.section)}` },
          ],
        },
      ],
    };
    const { header, footer } = chrome(site);
    const byline = names.length > 0
      ? `<p class="article__byline">By ${names.map((n) => `<a rel="author" href="${esc(site.baseUrl)}/authors/${slugOf(n)}">${esc(n)}</a>`).join(names.length === 2 ? ' and ' : ', ')}</p>`
      : '';
    const figure = article.image && view.imageUrl
      ? `<figure class="article__figure"><img src="${esc(view.imageUrl)}" alt="${esc(article.image.alt)}" width="1200" height="675">${article.image.caption || article.image.credit ? `<figcaption>${article.image.caption ? `<span class="caption">${esc(article.image.caption)}</span>` : ''}${article.image.credit ? ` <span class="credit">Photograph: ${esc(article.image.credit)}</span>` : ''}</figcaption>` : ''}</figure>`
      : '';
    return `<!doctype html>
<html lang="en-GB">
<head>
${headMeta(site)}
<title>${esc(view.title)} | ${esc(site.name)}</title>
<meta name="description" content="${esc(article.lead)}">
<link rel="canonical" href="${esc(view.url)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${esc(site.name)}">
<meta property="og:title" content="${esc(view.title)}">
<meta property="og:description" content="${esc(article.lead)}">
<meta property="og:url" content="${esc(view.url)}">
${view.imageUrl ? `<meta property="og:image" content="${esc(view.imageUrl)}">\n<meta property="og:image:alt" content="${esc(article.image?.alt ?? '')}">` : ''}
<meta property="article:published_time" content="${isoTime(view.published)}">
<meta property="article:modified_time" content="${isoTime(modified)}">
<meta property="article:section" content="${esc(article.section)}">
${article.tags.map((t) => `<meta property="article:tag" content="${esc(t)}">`).join('\n')}
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@meridiannews">
<meta name="twitter:title" content="${esc(view.title)}">
<meta name="twitter:description" content="${esc(article.lead)}">
${view.imageUrl ? `<meta name="twitter:image" content="${esc(view.imageUrl)}">` : ''}
<script type="application/ld+json">${scriptJson(ld)}</script>
</head>
<body class="page-article section-${slugOf(article.section)}">
${header}
<main id="main-content" class="layout">
<article class="article">
<header class="article__header">
<a class="article__kicker" href="${esc(site.baseUrl)}/${slugOf(article.section)}">${esc(article.section)}</a>
<h1 class="article__headline">${esc(view.title)}</h1>
<p class="article__standfirst">${esc(article.lead)}</p>
<div class="article__meta">${byline}
<p class="article__dates"><time datetime="${isoTime(view.published)}">${esc(longDate(view.published, 'en'))}, ${clockTime(view.published)} GMT</time>${view.updated ? ` · Updated <time datetime="${isoTime(view.updated)}">${clockTime(view.updated)} GMT</time>` : ''}</p>
<ul class="article__share"><li><a href="https://bsky.app/intent/compose?text=${encodeURIComponent(view.url)}">Share on Bluesky</a></li><li><a href="mailto:?body=${encodeURIComponent(view.url)}">Email</a></li><li><button type="button" data-copy="${esc(view.url)}">Copy link</button></li></ul></div>
</header>
${figure}
<div class="article__body">
${renderBlocks(page.blocks, blockStyle)}
</div>
<footer class="article__footer"><ul class="article__topics">${article.tags.map((t) => `<li><a href="${esc(site.baseUrl)}/topics/${slugOf(t)}">${esc(t)}</a></li>`).join('')}</ul>
<p class="article__correction">Spotted an error? <a href="${esc(site.baseUrl)}/corrections">Tell us</a>.</p></footer>
</article>
<aside class="most-read" aria-labelledby="most-read-title"><h2 id="most-read-title">Most read</h2>
<ol>${page.latest.slice(0, 5).map((v) => `<li><a href="${esc(v.url)}">${esc(v.title)}</a></li>`).join('\n')}</ol></aside>
<section class="more-on" aria-label="More on this story"><h2>More from ${esc(site.name)}</h2><ul>${page.related.map((v) => `<li><a href="${esc(v.url)}"><span class="more-on__kicker">${esc(v.article.section)}</span> ${esc(v.title)}</a></li>`).join('')}</ul></section>
</main>
${footer}
</body>
</html>
`;
  },

  home(page: HomePage): string {
    const { site, items } = page;
    const { header, footer } = chrome(site);
    return `<!doctype html>
<html lang="en-GB">
<head>
${headMeta(site)}
<title>${esc(site.name)} | ${esc(site.tagline)}</title>
<meta name="description" content="${esc(site.tagline)}">
<link rel="canonical" href="${esc(site.homeUrl)}">
<meta property="og:type" content="website">
<meta property="og:title" content="${esc(site.name)}">
</head>
<body class="page-front">
${header}
<main id="main-content" class="layout">
<h1 class="visually-hidden">${esc(site.name)}</h1>
<section class="front-list" aria-label="Latest">
${items.map((v, i) => `<article class="card${i === 0 ? ' card--lead' : ''}"><a class="card__link" href="${esc(v.url)}">${v.imageUrl && i < 4 ? `<img src="${esc(v.imageUrl)}" alt="" width="600" height="338" loading="lazy">` : ''}<span class="card__kicker">${esc(v.article.section)}</span><h2 class="card__headline">${esc(v.title)}</h2></a><p class="card__standfirst">${esc(v.article.lead)}</p><time datetime="${isoTime(v.published)}">${clockTime(v.published)} GMT</time></article>`).join('\n')}
</section>
<p class="staff-only"><a href="${esc(site.baseUrl)}/private/">Staff previews</a></p>
</main>
${footer}
</body>
</html>
`;
  },
};
