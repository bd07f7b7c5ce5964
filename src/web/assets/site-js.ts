// The site's only script (the issue allows 5 KB in all; every page works without it). It makes the
// back-to-top link move keyboard focus to the top of the page as well as the scroll position
// (WCAG 2.4.3 focus order), also in browsers that do not focus a fragment target themselves.
import { createHash } from 'node:crypto';

/** The script's source. */
export const siteJs = `document.addEventListener('click',function(e){
var a=e.target&&e.target.closest?e.target.closest('a[href="#top"],a[href="#main"]'):null;if(!a)return;
var t=document.getElementById(a.getAttribute('href').slice(1));if(!t)return;
e.preventDefault();t.scrollIntoView({block:'start'});t.focus({preventScroll:true});
if(history.replaceState)history.replaceState(null,'','#'+t.id);});
`;

// The script's URL carries a hash of its content, so it can be cached for a year.
const hash = createHash('sha256').update(siteJs).digest('hex').slice(0, 12);

/** Where pages load the script from. */
export const SITE_JS_PATH = `/assets/site-${hash}.js`;

/** The site's icon: a letter on the accent colour, drawn here so no page needs a data: URL or a file. */
export const siteIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b57d0"/><text x="16" y="23" font-family="system-ui,sans-serif" font-size="20" font-weight="700" fill="#fff" text-anchor="middle">T</text></svg>`;

/** Where pages load the icon from. */
export const SITE_ICON_PATH = `/assets/icon-${createHash('sha256').update(siteIcon).digest('hex').slice(0, 12)}.svg`;
