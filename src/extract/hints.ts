// Domain knowledge of how pages mark their parts: class/id words that point to the article or
// away from it, and the boilerplate phrases that head blocks which are not the article.
// Sorted tables; the code that uses them is in content.ts.

/** Class/id words of containers that hold the article. */
export const POSITIVE_WORDS: ReadonlySet<string> = new Set([
  'article', 'articlebody', 'articlecontent', 'blog', 'body', 'content', 'entry', 'entrycontent', 'hentry',
  'main', 'maincontent', 'page', 'post', 'postbody', 'postcontent', 'prose', 'richtext', 'story', 'storybody',
  'storycontent', 'text',
]);

/** Class/id words of page furniture: lowers a container's score, and removes it before scoring when no positive word offsets it. */
export const NEGATIVE_WORDS: ReadonlySet<string> = new Set([
  'ad', 'ads', 'adsense', 'adslot', 'advert', 'advertisement', 'advertising', 'agegate', 'banner', 'breadcrumb',
  'breadcrumbs', 'combx', 'comment', 'commentlist', 'comments', 'community', 'consent', 'cookie', 'cookies',
  'disqus', 'dropdown', 'footer', 'gdpr', 'header', 'jumplink', 'login', 'masthead', 'menu', 'modal', 'mostpopular',
  'mostread', 'nav', 'navbar', 'navigation', 'newsletter', 'outbrain', 'pager', 'pagination', 'paywall', 'popular',
  'popup', 'promo', 'promoted', 'recirc', 'recommended', 'references', 'reflist', 'related', 'remark', 'replies', 'reply', 'rss', 'scroll',
  'share', 'sharing', 'shopping', 'shoutbox', 'sidebar', 'signup', 'skyscraper', 'social', 'sponsor', 'sponsored',
  'subscribe', 'subscription', 'taboola', 'tagcloud', 'tags', 'toolbar', 'trending', 'tweet', 'widget',
]);

/**
 * Class/id words that remove a block inside the chosen article container, whatever else it says
 * ("artboard": the text labels of a chart exported by ai2html; "authornote": a serial's note from its author).
 */
export const REMOVE_IN_CONTENT_WORDS: ReadonlySet<string> = new Set([
  'aboutauthor', 'ad', 'ads', 'adslot', 'advert', 'advertisement', 'artboard', 'authorbio', 'authornote', 'authorbox', 'authorinfo', 'banner', 'barrier',
  'bio', 'breadcrumb', 'breadcrumbs', 'byline', 'carousel', 'comment', 'comments', 'cookie', 'disqus', 'gallery', 'hidden', 'jumplink',
  'meta', 'modal', 'nav', 'newsletter', 'outbrain', 'pagination', 'paywall', 'popup', 'postmeta', 'print', 'promo', 'readmore',
  'recirc', 'recommended', 'related', 'relatedposts', 'screenreader', 'share', 'sharedaddy', 'sharing', 'signup',
  'skip', 'slideshow', 'social', 'sponsor', 'sponsored', 'sronly', 'subscribe', 'taboola', 'tagcloud', 'tags', 'toolbar',
  'visuallyhidden', 'widget',
]);

/** ARIA roles of page furniture. */
export const FURNITURE_ROLES: ReadonlySet<string> = new Set([
  'alert', 'alertdialog', 'banner', 'complementary', 'contentinfo', 'dialog', 'menu', 'menubar', 'navigation',
  'search', 'tablist', 'toolbar',
]);

/** How a boilerplate phrase is recognised in a short block. */
export type PhraseKind =
  /** The block's text starts with the phrase: remove the block. */
  | 'starts'
  /** The block's text contains the phrase (cookie banners): remove the block. */
  | 'contains'
  /** A heading that opens the comments or the reader-reply form: remove it and everything after it. */
  | 'ends-article'
  /** A paywall or registration prompt: it and everything after it go, whatever follows the phrase. */
  | 'paywall';

/** Boilerplate phrases, lower-case, in several languages, sorted. */
export const BOILERPLATE_PHRASES: ReadonlyArray<readonly [phrase: string, kind: PhraseKind]> = [
  ['a lire aussi', 'starts'],
  ['abonnez-vous', 'starts'],
  ['about the author', 'ends-article'],
  ['accept all cookies', 'contains'],
  ['advertisement', 'starts'],
  ['already a subscriber', 'starts'],
  ['anzeige', 'starts'],
  ['articles similaires', 'starts'],
  ['articoli correlati', 'starts'],
  ['artigos relacionados', 'starts'],
  ['artículos relacionados', 'starts'],
  ['auch interessant', 'starts'],
  ['back to top', 'starts'],
  ['ce site utilise des cookies', 'contains'],
  ['click here to subscribe', 'starts'],
  ['comentarios', 'ends-article'],
  ['comment', 'ends-article'],
  ['commentaires', 'ends-article'],
  ['commenti', 'ends-article'],
  ['comments', 'ends-article'],
  ['condividi', 'starts'],
  ['continue reading', 'starts'],
  ['credit:', 'starts'],
  ['das könnte sie auch interessieren', 'starts'],
  ['deixe um comentário', 'ends-article'],
  ['deixe uma resposta', 'ends-article'],
  ['deja un comentario', 'ends-article'],
  ['deja una respuesta', 'ends-article'],
  ['diese website verwendet cookies', 'contains'],
  ['discussion', 'ends-article'],
  ['don\'t miss', 'starts'],
  ['este sitio web utiliza cookies', 'contains'],
  ['filed under', 'starts'],
  ['follow us', 'starts'],
  ['gerelateerde artikelen', 'starts'],
  ['image:', 'starts'],
  ['join the conversation', 'ends-article'],
  ['kommentare', 'ends-article'],
  ['laat een reactie achter', 'ends-article'],
  ['laisser un commentaire', 'ends-article'],
  ['lascia un commento', 'ends-article'],
  ['leave a comment', 'ends-article'],
  ['leave a reply', 'ends-article'],
  ['lee también', 'starts'],
  ['leer más', 'starts'],
  ['lees ook', 'starts'],
  ['leggi anche', 'starts'],
  ['leia mais', 'starts'],
  ['leia também', 'starts'],
  ['lesen sie auch', 'starts'],
  ['lire aussi', 'starts'],
  ['mehr zum thema', 'starts'],
  ['more about:', 'starts'],
  ['more from', 'starts'],
  ['more stories', 'starts'],
  ['most popular', 'starts'],
  ['most read', 'starts'],
  ['nach oben', 'starts'],
  ['next page:', 'starts'],
  ['noticias relacionadas', 'starts'],
  ['nous utilisons des cookies', 'contains'],
  ['originally published at', 'starts'],
  ['our use of cookies', 'contains'],
  ['photo credit', 'starts'],
  ['photo:', 'starts'],
  ['photograph:', 'starts'],
  ['posted in', 'starts'],
  ['potrebbe interessarti', 'starts'],
  ['previous page:', 'starts'],
  ['questo sito utilizza cookie', 'contains'],
  ['read also', 'starts'],
  ['read more', 'starts'],
  ['read next', 'starts'],
  ['recommended', 'starts'],
  ['related articles', 'starts'],
  ['related content', 'starts'],
  ['related coverage', 'starts'],
  ['related links', 'starts'],
  ['related news', 'starts'],
  ['related posts', 'starts'],
  ['related reading', 'starts'],
  ['related searches', 'starts'],
  ['related stories', 'starts'],
  ['related topics', 'starts'],
  ['related:', 'starts'],
  ['retour en haut', 'starts'],
  ['reuse content', 'starts'],
  ['schreibe einen kommentar', 'ends-article'],
  ['see also:', 'starts'],
  ['share on', 'starts'],
  ['share this', 'starts'],
  ['sign up for', 'starts'],
  ['source link', 'starts'],
  ['source:', 'starts'],
  ['sponsored content', 'starts'],
  ['subscribe', 'starts'],
  ['subscribe to continue', 'paywall'],
  ['tags:', 'starts'],
  ['te puede interesar', 'starts'],
  ['this article is for subscribers', 'paywall'],
  ['this site uses cookies', 'contains'],
  ['this website uses cookies', 'contains'],
  ['to continue reading', 'paywall'],
  ['torna su', 'starts'],
  ['utilizamos cookies', 'contains'],
  ['utilizziamo i cookie', 'contains'],
  ['vous aimerez aussi', 'starts'],
  ['we use cookies', 'contains'],
  ['weitere artikel', 'starts'],
  ['wir verwenden cookies', 'contains'],
  ['you may also like', 'starts'],
  ['you might also like', 'starts'],
  ['your video will play', 'starts'],
  ['другие новости', 'starts'],
  ['источник:', 'starts'],
  ['комментарии', 'ends-article'],
  ['мы используем файлы cookie', 'contains'],
  ['наверх', 'starts'],
  ['новости партнеров', 'starts'],
  ['оставить комментарий', 'ends-article'],
  ['оставьте комментарий', 'ends-article'],
  ['поделиться', 'starts'],
  ['подписывайтесь', 'starts'],
  ['подпишитесь', 'starts'],
  ['похожие новости', 'starts'],
  ['похожие статьи', 'starts'],
  ['читайте также', 'starts'],
  ['этот сайт использует cookie', 'contains'],
  ['※コメントは個人の見解', 'starts'],
  ['【関連記事】', 'starts'],
  ['分享到', 'starts'],
  ['延伸阅读', 'starts'],
  ['我要评论', 'starts'],
  ['推荐阅读', 'starts'],
  ['更多评论', 'starts'],
  ['最終更新', 'starts'],
  ['热评文章', 'starts'],
  ['相关新闻', 'starts'],
  ['相关阅读', 'starts'],
  ['责任编辑', 'starts'],
  ['转播到', 'starts'],
  ['返回顶部', 'starts'],
  ['関連記事', 'starts'],
];

/** Exact texts of short blocks that are never article content (link labels, lone words). */
export const BOILERPLATE_EXACT: ReadonlySet<string> = new Set([
  'advertisement', 'advertising', 'ad', 'anzeige', 'bron', 'featured', 'related', 'fonte', 'fuente', 'print', 'quelle', 'share', 'source', 'sponsored',
  'top', 'tweet', 'werbung', 'источник', 'реклама',
]);
