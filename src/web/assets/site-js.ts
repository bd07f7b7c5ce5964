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
