// Вести Приозерья: an older regional news site — table layout, windows-1251 declared in a
// <meta http-equiv>, Russian interface strings, Moscow time, a DataLife Engine-like structure.
// The server encodes the page in windows-1251 (demo/markup.ts encodeDocument).
import type { SiteOutlet } from '../edition.js';
import { clockTime, esc, isoTimeWithOffset, longDate } from '../markup.js';
import { feedLink, renderBlocks, type ArticlePage, type BlockStyle, type HomePage, type Template } from './page.js';

/** Moscow time, which the site prints its dates in (UTC+3, no daylight saving since 2014). */
export const regionalOffsetMinutes = 180;

const menu = ['Главная', 'Новости', 'Общество', 'Экономика', 'Происшествия', 'Спорт', 'Культура', 'Объявления', 'Контакты'];

function top(site: SiteOutlet, title: string, description: string, canonical: string, extra = ''): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html lang="ru">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<meta name="keywords" content="новости, Приозерье, происшествия, общество, погода">
<meta name="generator" content="DataLife Engine (http://dle-news.ru)">
<link rel="canonical" href="${esc(canonical)}">
${extra}
${feedLink(site)}
<link rel="stylesheet" type="text/css" href="${esc(site.baseUrl)}/templates/Default/css/style.css">
<script type="text/javascript" src="${esc(site.baseUrl)}/engine/classes/js/jquery.js"></script>
</head>
<body bgcolor="#ffffff" leftmargin="0" topmargin="0">
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center" class="main">
<tr><td colspan="2" class="head"><a href="${esc(site.homeUrl)}"><img src="${esc(site.baseUrl)}/logo.svg" alt="${esc(site.name)}" width="400" height="40" border="0"></a><br><span class="slogan">${esc(site.tagline)}</span></td></tr>
<tr><td colspan="2" class="menu">${menu.map((m, i) => `<a href="${esc(site.baseUrl)}/${i === 0 ? '' : `${i}/`}">${esc(m)}</a>`).join(' | ')}</td></tr>
<tr>
<td width="200" valign="top" class="left">
<div class="block"><div class="btitle">Погода</div>Приозерск: −3…+1 °C, облачно</div>
<div class="block"><div class="btitle">Курсы валют ЦБ</div>USD 91,20<br>EUR 98,75</div>
<div class="block"><div class="btitle">Опрос</div>Как вы оцениваете работу общественного транспорта?<br><a href="${esc(site.baseUrl)}/poll/">Голосовать</a></div>
</td>
<td valign="top" class="content">`;
}

function bottom(site: SiteOutlet): string {
  return `</td>
</tr>
<tr><td colspan="2" class="foot">&copy; 2008–2026 «${esc(site.name)}». Свидетельство о регистрации СМИ ЭЛ № ФС 77-00000. 16+<br>
При полном или частичном использовании материалов ссылка на «${esc(site.name)}» обязательна.<br>
<a href="${esc(site.baseUrl)}/reklama.html">Реклама на сайте</a> | <a href="${esc(site.baseUrl)}/index.php?do=feedback">Обратная связь</a><br>
<!-- counter --><img src="${esc(site.baseUrl)}/counter.svg" width="88" height="31" alt="Счётчик" border="0"><!-- /counter --></td></tr>
</table>
</body>
</html>
`;
}

const blockStyle: BlockStyle = {
  paragraph: (text) => `<p>${esc(text)}</p>`,
  heading: (text) => `<h2>${esc(text)}</h2>`,
  quote: (text, cite) => `<blockquote><p>«${esc(text)}»</p>${cite ? `<p class="cite">— <cite>${esc(cite)}</cite></p>` : ''}</blockquote>`,
};

function when(date: Date): string {
  return `${esc(longDate(date, 'ru', regionalOffsetMinutes))}, ${clockTime(date, regionalOffsetMinutes)}`;
}

/** The regional windows-1251 template. */
export const regional: Template = {
  article(page: ArticlePage): string {
    const { view } = page;
    const { article, site } = view;
    const og = [
      `<meta property="og:title" content="${esc(view.title)}">`,
      `<meta property="og:url" content="${esc(view.url)}">`,
      view.imageUrl ? `<meta property="og:image" content="${esc(view.imageUrl)}">` : '',
      `<meta property="article:published_time" content="${isoTimeWithOffset(view.published, regionalOffsetMinutes)}">`,
      view.updated ? `<meta property="article:modified_time" content="${isoTimeWithOffset(view.updated, regionalOffsetMinutes)}">` : '',
    ].filter(Boolean).join('\n');
    const image = article.image && view.imageUrl
      ? `<div align="center"><img src="${esc(view.imageUrl)}" alt="${esc(article.image.alt)}" title="${esc(article.image.alt)}" width="600" border="0">${article.image.caption ? `<br><i>${esc(article.image.caption)}</i>` : ''}</div>`
      : '';
    return `${top(site, `${view.title} » ${site.name}`, article.lead, view.url, og)}
<div class="speedbar"><a href="${esc(site.homeUrl)}">Главная</a> » <a href="${esc(site.baseUrl)}/news/">${esc(article.section)}</a> » ${esc(view.title)}</div>
<table width="100%" border="0" cellspacing="0" cellpadding="0" class="story">
<tr><td class="ntitle"><h1>${esc(view.title)}</h1></td></tr>
<tr><td class="ninfo">${when(view.published)} | Рубрика: <a href="${esc(site.baseUrl)}/news/">${esc(article.section)}</a> | Просмотров: ${(view.permalink.number % 900) + 100}</td></tr>
<tr><td class="news"><div class="lead"><b>${esc(article.lead)}</b></div>
${image}
<div id="news-id-${view.permalink.number}" class="full-text">
${renderBlocks(page.blocks, blockStyle)}
</div>
${article.byline ? `<div class="author" align="right">Автор: <b>${esc(article.byline)}</b></div>` : ''}
${view.updated ? `<div class="edit">Новость отредактирована: ${when(view.updated)}</div>` : ''}
</td></tr>
<tr><td class="share">Поделиться: <a href="https://vk.com/share.php?url=${encodeURIComponent(view.url)}">ВКонтакте</a> | <a href="https://connect.ok.ru/offer?url=${encodeURIComponent(view.url)}">Одноклассники</a> | <a href="https://t.me/share/url?url=${encodeURIComponent(view.url)}">Telegram</a></td></tr>
</table>
<div class="related"><div class="btitle">Читайте также:</div><ul>
${page.related.map((v) => `<li><a href="${esc(v.url)}">${esc(v.title)}</a></li>`).join('\n')}
</ul></div>
<div class="comments"><div class="btitle">Комментарии (0)</div>
<p>Информация: Посетители, находящиеся в группе <b>Гости</b>, не могут оставлять комментарии к данной публикации.</p>
<p>Чтобы оставить комментарий, <a href="${esc(site.baseUrl)}/index.php?do=register">зарегистрируйтесь</a> или войдите на сайт.</p></div>
${bottom(site)}`;
  },

  home(page: HomePage): string {
    const { site } = page;
    return `${top(site, `${site.name} — ${site.tagline}`, site.tagline, site.homeUrl)}
<h1 class="hidden">${esc(site.name)}: последние новости</h1>
${page.items.map((v) => `<table width="100%" class="shortstory"><tr><td class="ntitle"><a href="${esc(v.url)}">${esc(v.title)}</a></td></tr>
<tr><td class="ninfo">${when(v.published)}</td></tr>
<tr><td>${esc(v.article.lead)} <a href="${esc(v.url)}">Подробнее…</a></td></tr></table>`).join('\n')}
<div class="navigation">Страницы: <b>1</b> <a href="${esc(site.baseUrl)}/page/2/">2</a> <a href="${esc(site.baseUrl)}/page/3/">3</a> … <a href="${esc(site.baseUrl)}/page/2/">Далее</a></div>
${bottom(site)}`;
  },
};
