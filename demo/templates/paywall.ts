// The Ledger: a subscription business paper. The article page is a teaser — headline, standfirst,
// byline, the first paragraphs — then a "Subscribe to continue reading" box; the rest of the body is
// not in the page at all (a hard paywall rendered on the server). OpenGraph meta, no JSON-LD body.
import type { SiteOutlet } from '../edition.js';
import { clockTime, esc, isoTime, longDate } from '../markup.js';
import { feedLink, plainBlocks, renderBlocks, type ArticlePage, type HomePage, type Template } from './page.js';

function masthead(site: SiteOutlet): string {
  return `<header class="lg-header" role="banner">
<div class="lg-header__bar"><a class="lg-header__menu" href="${esc(site.baseUrl)}/sections">Menu</a> <a class="lg-header__search" href="${esc(site.baseUrl)}/search">Search</a>
<a class="lg-header__logo" href="${esc(site.homeUrl)}"><img src="${esc(site.baseUrl)}/logo.svg" alt="${esc(site.name)}" width="300" height="30"></a>
<a class="lg-header__cta" href="${esc(site.baseUrl)}/subscribe?segment=header">Subscribe for &pound;1</a> <a class="lg-header__signin" href="${esc(site.baseUrl)}/login">Sign in</a></div>
<nav class="lg-nav"><a href="${esc(site.baseUrl)}/markets">Markets</a> <a href="${esc(site.baseUrl)}/companies">Companies</a> <a href="${esc(site.baseUrl)}/economy">Economy</a> <a href="${esc(site.baseUrl)}/opinion">Opinion</a> <a href="${esc(site.baseUrl)}/personal-finance">Personal Finance</a></nav>
<div class="lg-ticker" aria-label="Markets data"><span>FTSE 100 8,412.6 <b class="up">+0.4%</b></span> <span>EUR/GBP 0.8561</span> <span>Brent $81.20 <b class="down">-1.1%</b></span></div>
</header>`;
}

function footer(site: SiteOutlet): string {
  return `<footer class="lg-footer"><nav><a href="${esc(site.baseUrl)}/help">Help</a> · <a href="${esc(site.baseUrl)}/terms">Terms &amp; conditions</a> · <a href="${esc(site.baseUrl)}/privacy">Privacy</a> · <a href="${esc(site.baseUrl)}/cookies">Cookies</a> · <a href="${esc(site.baseUrl)}/accessibility">Accessibility</a></nav>
<p>&copy; The Ledger Group Ltd 2026. &ldquo;The Ledger&rdquo; is a trademark of The Ledger Group Ltd. Markets data delayed by at least 15 minutes.</p></footer>`;
}

function head(site: SiteOutlet, title: string, description: string, canonical: string, extra: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<link rel="canonical" href="${esc(canonical)}">
${extra}
${feedLink(site)}
<link rel="stylesheet" href="${esc(site.baseUrl)}/assets/ledger.css">
<script>document.documentElement.className = 'js';</script>
</head>`;
}

/** The paywall teaser template. */
export const paywall: Template = {
  article(page: ArticlePage): string {
    const { view } = page;
    const { article, site } = view;
    const og = [
      `<meta property="og:type" content="article">`,
      `<meta property="og:site_name" content="${esc(site.name)}">`,
      `<meta property="og:title" content="${esc(view.title)}">`,
      `<meta property="og:description" content="${esc(article.lead)}">`,
      `<meta property="og:url" content="${esc(view.url)}">`,
      view.imageUrl ? `<meta property="og:image" content="${esc(view.imageUrl)}">` : '',
      `<meta property="article:published_time" content="${isoTime(view.published)}">`,
      view.updated ? `<meta property="article:modified_time" content="${isoTime(view.updated)}">` : '',
      article.byline ? `<meta property="article:author" content="${esc(article.byline)}">` : '',
      `<meta property="article:content_tier" content="locked">`,
      `<meta name="robots" content="max-snippet:120">`,
    ].filter(Boolean).join('\n');
    const image = article.image && view.imageUrl
      ? `<figure class="lg-figure"><img src="${esc(view.imageUrl)}" alt="${esc(article.image.alt)}" width="1200" height="675">${article.image.caption ? `<figcaption>${esc(article.image.caption)}${article.image.credit ? ` &copy; ${esc(article.image.credit)}` : ''}</figcaption>` : ''}</figure>`
      : '';
    return `${head(site, `${view.title} | ${site.name}`, article.lead, view.url, og)}
<body class="lg-article lg-article--locked">
${masthead(site)}
<main class="lg-main" id="site-content">
<article class="lg-story" data-content-id="${esc(view.permalink.path.split('/').pop() ?? '')}">
<div class="lg-story__section"><a href="${esc(site.baseUrl)}/${esc(article.section.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}">${esc(article.section)}</a></div>
<h1 class="lg-story__headline">${esc(view.title)}</h1>
<div class="lg-story__standfirst">${esc(article.lead)}</div>
<div class="lg-story__byline">${article.byline ? `<span class="lg-author">${esc(article.byline)}</span> ` : ''}<time datetime="${isoTime(view.published)}">${esc(longDate(view.published, 'en'))} ${clockTime(view.published)}</time></div>
<button class="lg-save" type="button">Save</button> <button class="lg-gift" type="button">Gift this article</button>
${image}
<div class="lg-story__body lg-story__body--teaser">
${renderBlocks(page.blocks, plainBlocks)}
</div>
${page.hiddenBlocks > 0 ? `<div class="lg-barrier" id="barrier">
<h2>Subscribe to continue reading</h2>
<p>Get unlimited access to The Ledger's trusted journalism on any device, plus the Daily Ledger newsletter.</p>
<ul><li>Expert analysis of markets and policy</li><li>Unlimited articles and the full archive</li><li>Cancel anytime</li></ul>
<a class="lg-barrier__button" href="${esc(site.baseUrl)}/subscribe?segment=barrier">Start your trial for &pound;1</a>
<p class="lg-barrier__signin">Already a subscriber? <a href="${esc(site.baseUrl)}/login">Sign in</a></p>
</div>` : ''}
</article>
<aside class="lg-more"><h2>Latest from The Ledger</h2><ul>${page.latest.slice(0, 4).map((v) => `<li><a href="${esc(v.url)}">${esc(v.title)}</a></li>`).join('')}</ul></aside>
</main>
${footer(site)}
</body>
</html>
`;
  },

  home(page: HomePage): string {
    const { site } = page;
    return `${head(site, `${site.name} | ${site.tagline}`, site.tagline, site.homeUrl, '<meta property="og:type" content="website">')}
<body class="lg-home">
${masthead(site)}
<main class="lg-main" id="site-content">
<h1 class="lg-visually-hidden">${esc(site.name)}</h1>
<ul class="lg-stream">
${page.items.map((v) => `<li class="lg-stream__item"><span class="lg-stream__section">${esc(v.article.section)}</span> <a class="lg-stream__headline" href="${esc(v.url)}">${esc(v.title)}</a><p class="lg-stream__standfirst">${esc(v.article.lead)}</p><time datetime="${isoTime(v.published)}">${esc(longDate(v.published, 'en'))}</time> <span class="lg-lock" title="Subscriber content">&#128274;</span></li>`).join('\n')}
</ul>
</main>
${footer(site)}
</body>
</html>
`;
  },
};
