// The Daily Harbor: a WordPress news theme as aggregator sites run it — masthead and menu, category
// label, share buttons, a "Source link" under reposts, tags, related posts, the comment form and a
// widget sidebar. Markup follows the class names WordPress core and common themes emit.
import type { ArticleView } from '../edition.js';
import { clockTime, esc, isoTimeWithOffset, longDate } from '../markup.js';
import { feedLink, plainBlocks, renderBlocks, type ArticlePage, type HomePage, type Template } from './page.js';

const menu = ['Home', 'World', 'Business', 'Science', 'Sport', 'Culture', 'Contact Us'];
const categories = ['Business', 'Culture', 'Science', 'Sport', 'Top Story', 'World'];

function slugOf(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function head(title: string, description: string, canonical: string, page: { site: ArticleView['site'] }, extra = ''): string {
  const site = page.site;
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>${esc(title)}</title>
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1">
<meta name="description" content="${esc(description)}">
<link rel="canonical" href="${esc(canonical)}">
${extra}
${feedLink(site)}
<link rel="stylesheet" id="wp-block-library-css" href="${esc(site.baseUrl)}/wp-includes/css/dist/block-library/style.min.css?ver=6.7.2" media="all">
<link rel="stylesheet" id="newsup-style-css" href="${esc(site.baseUrl)}/wp-content/themes/harbor-news/style.css?ver=2.1" media="all">
<script src="${esc(site.baseUrl)}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<meta name="generator" content="WordPress 6.7.2">
</head>`;
}

function masthead(site: ArticleView['site'], now: Date): string {
  return `<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div class="top-bar"><div class="container"><span class="top-date">${esc(longDate(now, 'en'))}</span>
<ul class="social-links"><li><a href="https://www.facebook.com/dailyharbor">Facebook</a></li><li><a href="https://x.com/dailyharbor">X</a></li><li><a href="https://www.youtube.com/@dailyharbor">YouTube</a></li></ul></div></div>
<header id="masthead" class="site-header">
<div class="site-branding"><a href="${esc(site.homeUrl)}" class="custom-logo-link" rel="home"><img src="${esc(site.baseUrl)}/logo.svg" class="custom-logo" alt="${esc(site.name)}" width="600" height="60"></a>
<p class="site-title"><a href="${esc(site.homeUrl)}" rel="home">${esc(site.name)}</a></p>
<p class="site-description">${esc(site.tagline)}</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary Menu"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
<ul id="primary-menu" class="menu">${menu.map((m, i) => `<li id="menu-item-${101 + i}" class="menu-item menu-item-type-taxonomy menu-item-${101 + i}"><a href="${esc(site.baseUrl)}/${i === 0 ? '' : `category/${slugOf(m)}/`}">${esc(m)}</a></li>`).join('')}</ul></nav>
<div class="header-search"><form role="search" method="get" class="search-form" action="${esc(site.homeUrl)}"><label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label><input type="submit" class="search-submit" value="Search"></form></div>
</header>
<div class="breaking-news"><span class="breaking-title">Breaking News</span> <marquee>Stay with The Daily Harbor for the latest updates from around the world.</marquee></div>`;
}

function sidebar(site: ArticleView['site'], latest: ArticleView[]): string {
  return `<aside id="secondary" class="widget-area" role="complementary">
<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="${esc(site.homeUrl)}"><input type="search" class="search-field" placeholder="Search &hellip;" name="s"><input type="submit" class="search-submit" value="Search"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
<ul>${latest.slice(0, 5).map((v) => `<li><a href="${esc(v.url)}">${esc(v.title)}</a></li>`).join('\n')}</ul></section>
<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Categories</h2>
<ul>${categories.map((c) => `<li class="cat-item"><a href="${esc(site.baseUrl)}/category/${slugOf(c)}/">${esc(c)}</a></li>`).join('')}</ul></section>
<section id="newsletter-3" class="widget widget_newsletter"><h2 class="widget-title">Newsletter</h2>
<p>Get the day's top stories in your inbox every morning.</p>
<form class="newsletter-form" method="post" action="${esc(site.baseUrl)}/newsletter/"><input type="email" name="ne" placeholder="Your email" required><button type="submit">Subscribe</button></form></section>
<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li><a href="${esc(site.baseUrl)}/2026/03/">March 2026</a></li><li><a href="${esc(site.baseUrl)}/2026/02/">February 2026</a></li></ul></section>
</aside>`;
}

function footer(site: ArticleView['site'], now: Date): string {
  return `<footer id="colophon" class="site-footer">
<div class="footer-widgets"><div class="widget"><h2 class="widget-title">About Us</h2><p>${esc(site.name)} brings you the most important news of the day from trusted sources around the world.</p></div>
<div class="widget"><h2 class="widget-title">Useful Links</h2><ul><li><a href="${esc(site.baseUrl)}/about-us/">About Us</a></li><li><a href="${esc(site.baseUrl)}/privacy-policy/">Privacy Policy</a></li><li><a href="${esc(site.baseUrl)}/dmca/">DMCA</a></li><li><a href="${esc(site.baseUrl)}/contact-us/">Contact Us</a></li></ul></div></div>
<div class="site-info">Copyright &copy; ${now.getUTCFullYear()} ${esc(site.name)}. All rights reserved. | Proudly powered by <a href="https://wordpress.org/">WordPress</a> | Theme: Harbor News by ThemeLab.</div>
</footer>
<a href="#" class="back-to-top" aria-label="Back to top"><span>Back to top</span> &uarr;</a>
<script src="${esc(site.baseUrl)}/wp-content/themes/harbor-news/js/navigation.js?ver=2.1" id="harbor-navigation-js"></script>
<script id="wp-emoji-settings" type="application/json">{"baseUrl":"https://s.w.org/images/core/emoji/15.0.3/72x72/","ext":".png"}</script>`;
}

function shareButtons(view: ArticleView): string {
  const u = encodeURIComponent(view.url);
  const t = encodeURIComponent(view.title);
  return `<div class="post-share"><span class="share-label">Share:</span>
<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=${u}" target="_blank" rel="noopener">Facebook</a>
<a class="share-x" href="https://x.com/intent/tweet?url=${u}&amp;text=${t}" target="_blank" rel="noopener">X</a>
<a class="share-whatsapp" href="https://api.whatsapp.com/send?text=${t}%20${u}" target="_blank" rel="noopener">WhatsApp</a>
<a class="share-email" href="mailto:?subject=${t}&amp;body=${u}">Email</a></div>`;
}

/** The WordPress aggregator template. */
export const aggregator: Template = {
  article(page: ArticlePage): string {
    const { view } = page;
    const { article, site } = view;
    const postId = view.permalink.number;
    const published = isoTimeWithOffset(view.published, 0);
    const og = [
      `<meta property="og:locale" content="en_US">`,
      `<meta property="og:type" content="article">`,
      `<meta property="og:title" content="${esc(view.title)}">`,
      `<meta property="og:description" content="${esc(article.lead)}">`,
      `<meta property="og:url" content="${esc(view.url)}">`,
      `<meta property="og:site_name" content="${esc(site.name)}">`,
      `<meta property="article:published_time" content="${published}">`,
      view.updated ? `<meta property="article:modified_time" content="${isoTimeWithOffset(view.updated, 0)}">` : '',
      view.imageUrl ? `<meta property="og:image" content="${esc(view.imageUrl)}">` : '',
      `<link rel="shortlink" href="${esc(site.baseUrl)}/?p=${postId}">`,
    ].filter(Boolean).join('\n');
    const author = article.byline
      ? `<span class="byline"> by <span class="author vcard"><a class="url fn n" href="${esc(site.baseUrl)}/author/${slugOf(article.byline)}/">${esc(article.byline)}</a></span></span>`
      : '';
    const figure = article.image && view.imageUrl
      ? `<div class="post-thumbnail"><img width="1200" height="675" src="${esc(view.imageUrl)}" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="${esc(article.image.alt)}" decoding="async" fetchpriority="high"></div>`
      : '';
    const source = view.source
      ? `<p class="source-link"><a href="${esc(view.source.url)}" target="_blank" rel="nofollow noopener">Source link</a></p>`
      : '';
    return `${head(`${view.title} - ${site.name}`, article.lead, view.url, view, og)}
<body class="post-template-default single single-post postid-${postId} single-format-standard wp-embed-responsive">
<div id="page" class="site">
${masthead(site, page.now)}
<div id="content" class="site-content"><div class="container">
<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="${esc(site.homeUrl)}">Home</a> &raquo; <a href="${esc(site.baseUrl)}/category/${slugOf(article.section)}/">${esc(article.section)}</a> &raquo; <span>${esc(view.title)}</span></nav>
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-${postId}" class="post-${postId} post type-post status-publish format-standard has-post-thumbnail hentry category-${slugOf(article.section)}">
<header class="entry-header">
<div class="entry-categories"><span class="cat-links"><a href="${esc(site.baseUrl)}/category/${slugOf(article.section)}/" rel="category tag">${esc(article.section)}</a></span></div>
<h1 class="entry-title">${esc(view.title)}</h1>
<p class="entry-subtitle">${esc(article.lead)}</p>
<div class="entry-meta"><span class="posted-on"><a href="${esc(view.url)}" rel="bookmark"><time class="entry-date published" datetime="${published}">${esc(longDate(view.published, 'en'))}</time>${view.updated ? `<time class="updated" datetime="${isoTimeWithOffset(view.updated, 0)}">${esc(longDate(view.updated, 'en'))}</time>` : ''}</a></span>${author}<span class="comments-link"><a href="${esc(view.url)}#respond">Leave a Comment</a></span></div>
${shareButtons(view)}
</header>
${figure}
<div class="entry-content">
${renderBlocks(page.blocks, plainBlocks)}
${source}
</div>
<footer class="entry-footer"><span class="tags-links">Tags: ${article.tags.map((t) => `<a href="${esc(site.baseUrl)}/tag/${slugOf(t)}/" rel="tag">${esc(t)}</a>`).join(', ')}</span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links">${page.previous ? `<div class="nav-previous"><a href="${esc(page.previous.url)}" rel="prev"><span class="nav-subtitle">Previous:</span> <span class="nav-title">${esc(page.previous.title)}</span></a></div>` : ''}</div></nav>
<div class="related-posts"><h3 class="related-title">Related Articles</h3><div class="related-items">
${page.related.map((r) => `<div class="related-item"><a href="${esc(r.url)}"><h4>${esc(r.title)}</h4></a><span class="related-date">${esc(longDate(r.published, 'en'))}</span></div>`).join('\n')}
</div></div>
<div id="comments" class="comments-area">
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
<form action="${esc(site.baseUrl)}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> <span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>
<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required></p>
<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" aria-describedby="email-notes" autocomplete="email" required></p>
<p class="comment-form-url"><label for="url">Website</label> <input id="url" name="url" type="url" value="" size="30" maxlength="200" autocomplete="url"></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"> <label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"> <input type="hidden" name="comment_post_ID" value="${postId}" id="comment_post_ID"> <input type="hidden" name="comment_parent" id="comment_parent" value="0"></p>
</form>
</div>
</div>
</main></div>
${sidebar(site, page.latest)}
</div></div>
${footer(site, page.now)}
</div>
</body>
</html>
`;
  },

  home(page: HomePage): string {
    const { site, items } = page;
    const cards = items.map((v) => `<article class="post type-post status-publish hentry">
<div class="post-thumb">${v.imageUrl ? `<a href="${esc(v.url)}"><img src="${esc(v.imageUrl)}" alt="${esc(v.article.image?.alt ?? '')}" width="400" height="225" loading="lazy"></a>` : ''}</div>
<span class="cat-links"><a href="${esc(site.baseUrl)}/category/${slugOf(v.article.section)}/">${esc(v.article.section)}</a></span>
<h2 class="entry-title"><a href="${esc(v.url)}" rel="bookmark">${esc(v.title)}</a></h2>
<div class="entry-meta"><time class="entry-date published" datetime="${isoTimeWithOffset(v.published, 0)}">${esc(longDate(v.published, 'en'))}</time> <span class="posted-time">${clockTime(v.published)}</span></div>
<div class="entry-summary"><p>${esc(v.article.lead)} [&hellip;]</p></div>
</article>`).join('\n');
    return `${head(`${site.name} - ${site.tagline}`, site.tagline, site.homeUrl, { site })}
<body class="home blog wp-embed-responsive">
<div id="page" class="site">
${masthead(site, page.now)}
<div id="content" class="site-content"><div class="container">
<div id="primary" class="content-area"><main id="main" class="site-main">
<h1 class="screen-reader-text">Latest News</h1>
${cards}
<nav class="navigation pagination" aria-label="Posts"><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span> <a class="page-numbers" href="${esc(site.baseUrl)}/page/2/">2</a> <a class="next page-numbers" href="${esc(site.baseUrl)}/page/2/">Next</a></div></nav>
</main></div>
${sidebar(site, items)}
</div></div>
${footer(site, page.now)}
</div>
</body>
</html>
`;
  },
};
