// Metro Pulse: an ad-funded tabloid page — schema.org microdata instead of JSON-LD, body paragraphs
// split by ad slots, an inline "Read more: …" link, a newsletter box mid-article and a "Recommended
// for you" list. Title tag "Headline | Metro Pulse".
import type { ArticleView, SiteOutlet } from '../edition.js';
import { clockTime, esc, isoTime, longDate } from '../markup.js';
import { renderBlocks, type ArticlePage, type BlockStyle, type HomePage, type Template } from './page.js';

function adSlot(n: number): string {
  return `<div class="ad-slot ad-slot--inline" id="div-gpt-ad-inline-${n}" data-ad-unit="/2211/metropulse/article/inline${n}" aria-hidden="true"><span class="ad-slot__label">Advertisement</span><div class="ad-slot__frame" style="min-height:250px"></div></div>`;
}

function header(site: SiteOutlet): string {
  return `<div class="ad-slot ad-slot--leaderboard" id="div-gpt-ad-top" aria-hidden="true"><span class="ad-slot__label">Advertisement</span><div style="min-height:90px"></div></div>
<header class="mp-header"><a class="mp-logo" href="${esc(site.homeUrl)}"><img src="${esc(site.baseUrl)}/logo.svg" alt="${esc(site.name)}" width="300" height="30"></a>
<nav class="mp-nav"><a href="${esc(site.baseUrl)}/news/">News</a> <a href="${esc(site.baseUrl)}/money/">Money</a> <a href="${esc(site.baseUrl)}/sport/">Sport</a> <a href="${esc(site.baseUrl)}/showbiz/">Showbiz</a> <a href="${esc(site.baseUrl)}/puzzles/">Puzzles</a> <a href="${esc(site.baseUrl)}/weather/">Weather</a></nav>
<div class="mp-trending"><b>Trending:</b> <a href="${esc(site.baseUrl)}/tag/cost-of-living/">Cost of living</a> <a href="${esc(site.baseUrl)}/tag/transfer-news/">Transfer news</a> <a href="${esc(site.baseUrl)}/tag/weather-warnings/">Weather warnings</a></div></header>`;
}

function footer(site: SiteOutlet): string {
  return `<footer class="mp-footer"><p><a href="${esc(site.baseUrl)}/about/">About us</a> | <a href="${esc(site.baseUrl)}/contact/">Contact</a> | <a href="${esc(site.baseUrl)}/advertise/">Advertise</a> | <a href="${esc(site.baseUrl)}/privacy/">Privacy notice</a> | <a href="${esc(site.baseUrl)}/cookies/">Cookie policy</a></p>
<p>Metro Pulse is part of Pulse Media Group. &copy; 2026 Pulse Media Group Ltd. All rights reserved.</p></footer>
<script async src="${esc(site.baseUrl)}/static/ads/gpt-loader.js"></script>
<script>window.mpDataLayer = window.mpDataLayer || []; mpDataLayer.push({ pageType: 'article' });</script>`;
}

function head(site: SiteOutlet, title: string, description: string, canonical: string, extra = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<link rel="canonical" href="${esc(canonical)}">
${extra}
<link rel="stylesheet" href="${esc(site.baseUrl)}/static/css/pulse.min.css">
</head>`;
}

function blockStyle(readMore: ArticleView | undefined, site: SiteOutlet): BlockStyle {
  return {
    paragraph: (text) => `<p>${esc(text)}</p>`,
    heading: (text) => `<h2 class="mp-crosshead">${esc(text)}</h2>`,
    quote: (text, cite) => `<blockquote class="mp-pullquote"><p>&ldquo;${esc(text)}&rdquo;</p>${cite ? `<cite>${esc(cite)}</cite>` : ''}</blockquote>`,
    afterParagraph: (n, total) => {
      const extras: string[] = [];
      if (n === 1 && readMore) extras.push(`<p class="mp-readmore"><strong>Read more:</strong> <a href="${esc(readMore.url)}">${esc(readMore.title)}</a></p>`);
      if (n < total && n % 2 === 1) extras.push(adSlot(n));
      if (n === Math.ceil(total / 2) && n < total) {
        extras.push(`<div class="mp-newsletter"><h3>Get Metro Pulse in your inbox</h3><p>The biggest stories, sent every lunchtime. Free.</p><form action="${esc(site.baseUrl)}/newsletter/" method="post"><input type="email" name="email" placeholder="Enter your email"><button type="submit">Sign me up</button></form><p class="mp-newsletter__small">We use your sign-up to send you newsletters. See our privacy notice.</p></div>`);
      }
      return extras.join('\n');
    },
  };
}

/** The ad-split tabloid template. */
export const adsplit: Template = {
  article(page: ArticlePage): string {
    const { view } = page;
    const { article, site } = view;
    const meta = [
      `<meta property="og:title" content="${esc(view.title)}">`,
      `<meta property="og:type" content="article">`,
      `<meta property="og:url" content="${esc(view.url)}">`,
      view.imageUrl ? `<meta property="og:image" content="${esc(view.imageUrl)}">` : '',
      `<meta name="twitter:card" content="summary_large_image">`,
    ].filter(Boolean).join('\n');
    const image = article.image && view.imageUrl
      ? `<figure class="mp-hero" itemprop="image" itemscope itemtype="https://schema.org/ImageObject"><img src="${esc(view.imageUrl)}" alt="${esc(article.image.alt)}" width="1200" height="675"><meta itemprop="url" content="${esc(view.imageUrl)}">${article.image.caption ? `<figcaption>${esc(article.image.caption)}${article.image.credit ? ` (Picture: ${esc(article.image.credit)})` : ''}</figcaption>` : ''}</figure>`
      : '';
    const author = article.byline
      ? `<span class="mp-byline" itemprop="author" itemscope itemtype="https://schema.org/Person">By <a href="${esc(site.baseUrl)}/author/${esc(article.byline.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}/" itemprop="url"><span itemprop="name">${esc(article.byline)}</span></a></span>`
      : `<span class="mp-byline" itemprop="author" itemscope itemtype="https://schema.org/Organization"><meta itemprop="name" content="${esc(site.name)}"></span>`;
    return `${head(site, `${view.title} | ${site.name}`, article.lead, view.url, meta)}
<body class="article-page">
${header(site)}
<main class="mp-main">
<article class="mp-article" itemscope itemtype="https://schema.org/NewsArticle">
<meta itemprop="mainEntityOfPage" content="${esc(view.url)}">
<div class="mp-article__section">${esc(article.section)}</div>
<h1 itemprop="headline">${esc(view.title)}</h1>
<p class="mp-article__lead" itemprop="description">${esc(article.lead)}</p>
<div class="mp-article__meta">${author}
<time itemprop="datePublished" datetime="${isoTime(view.published)}">${clockTime(view.published)}, ${esc(longDate(view.published, 'en'))}</time>${view.updated ? ` | Updated: <time itemprop="dateModified" datetime="${isoTime(view.updated)}">${clockTime(view.updated)}, ${esc(longDate(view.updated, 'en'))}</time>` : ''}
<span class="mp-share"><a href="https://www.facebook.com/sharer.php?u=${encodeURIComponent(view.url)}">Share</a> <a href="https://x.com/share?url=${encodeURIComponent(view.url)}">Post</a> <a href="#comments">Comments</a></span></div>
${image}
<div class="mp-article__body" itemprop="articleBody">
${renderBlocks(page.blocks, blockStyle(page.related[0], site))}
</div>
<div class="mp-article__tags">${article.tags.map((t) => `<a href="${esc(site.baseUrl)}/tag/${esc(t.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}/">${esc(t)}</a>`).join(' ')}</div>
<p class="mp-article__contact">Got a story for us? Email <a href="mailto:tips@metropulse.example">tips@metropulse.example</a>.</p>
</article>
<aside class="mp-recommended"><h2>Recommended for you</h2><ul>
${page.latest.slice(0, 6).map((v) => `<li><a href="${esc(v.url)}">${v.imageUrl ? `<img src="${esc(v.imageUrl)}" alt="" width="160" height="90" loading="lazy">` : ''}<span>${esc(v.title)}</span></a></li>`).join('\n')}
</ul></aside>
<div class="ad-slot ad-slot--mpu" aria-hidden="true"><span class="ad-slot__label">Advertisement</span></div>
<div class="mp-taboola"><h2>More from around the web</h2><ul><li><a href="https://ads.example-network.com/c/1">Doctors stunned by this one simple trick</a> <small>Sponsored</small></li><li><a href="https://ads.example-network.com/c/2">The cars everyone will drive in 2027</a> <small>Sponsored</small></li></ul></div>
</main>
${footer(site)}
</body>
</html>
`;
  },

  home(page: HomePage): string {
    const { site } = page;
    return `${head(site, `${site.name} | ${site.tagline}`, site.tagline, site.homeUrl)}
<body class="home-page">
${header(site)}
<main class="mp-main">
<h1 class="mp-visually-hidden">${esc(site.name)}: latest news</h1>
<ul class="mp-river">
${page.items.map((v, i) => `<li class="mp-river__item">${v.imageUrl ? `<img src="${esc(v.imageUrl)}" alt="" width="320" height="180" loading="lazy">` : ''}<a href="${esc(v.url)}"><h2>${esc(v.title)}</h2></a><p>${esc(v.article.lead)}</p><time datetime="${isoTime(v.published)}">${clockTime(v.published)}</time></li>${i % 4 === 3 ? `\n<li class="ad-slot" aria-hidden="true"><span class="ad-slot__label">Advertisement</span></li>` : ''}`).join('\n')}
</ul>
</main>
${footer(site)}
</body>
</html>
`;
  },
};
