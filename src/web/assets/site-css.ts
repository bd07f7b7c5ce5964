// The site stylesheet (inlined in every page: one request less on first view; the issue caps it at
// 20 KB). System fonts, a readable measure, responsive from 360 px, dark mode by
// prefers-color-scheme, visible focus, targets of at least 24 px (WCAG 2.5.8), and a print sheet.
// Colours meet 4.5:1 contrast on their backgrounds in both schemes (WCAG 1.4.3).
export const siteCss = `
:root{--bg:#fff;--fg:#1a1a1a;--muted:#555;--accent:#0b57d0;--line:#d9d9d9;--soft:#f4f5f7;--mark:#fff3b0;--bad:#a50e0e;--ok:#146c2e;--label:#a50e0e}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#ececec;--muted:#b5b5b5;--accent:#8ab4f8;--line:#3a3a3a;--soft:#1e1f22;--mark:#5c4b00;--bad:#f28b82;--ok:#81c995;--label:#f28b82}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:break-word}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,[tabindex="-1"]:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
[tabindex="-1"]:focus:not(:focus-visible){outline:none}
img{max-width:100%;height:auto}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:-999px;top:0;padding:.6rem 1rem;background:var(--bg);color:var(--accent);z-index:10}
.skip:focus{left:.5rem;top:.5rem}
.site-header{border-bottom:1px solid var(--line);padding:.6rem 0;margin-bottom:1.25rem}
.header-row{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.25rem}
.site-name{font-weight:800;font-size:1.45rem;text-decoration:none;color:var(--fg);display:inline-block;min-height:24px;letter-spacing:-.01em}
.nav{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
.nav a{display:inline-block;padding:.25rem 0;min-height:24px}
.search-box{display:flex;gap:.4rem;margin-left:auto;flex:1 1 14rem;max-width:24rem}
input,select,textarea,button{font:inherit;color:inherit}
input[type=search],input[type=text],input[type=email],input[type=url],input[type=date],select,textarea{background:var(--bg);border:1px solid var(--muted);border-radius:4px;padding:.35rem .5rem;min-height:2.25rem;width:100%}
button,.button{background:var(--accent);color:var(--bg);border:0;border-radius:4px;padding:.4rem .9rem;min-height:2.25rem;cursor:pointer;font-weight:600}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.95rem;margin-top:3rem;padding:1rem 0}
.footer-row{display:flex;flex-wrap:wrap;gap:.25rem 2rem;justify-content:space-between;align-items:center}
.footer-row p{margin:.25rem 0}
.back-to-top{display:inline-block;padding:.25rem 0;min-height:24px}
h1{font-size:clamp(1.6rem,1.2rem + 2vw,2.3rem);line-height:1.18;margin:.25rem 0 .75rem;letter-spacing:-.015em}
h2{font-size:1.3rem;line-height:1.3;margin:2rem 0 .75rem}
h3{font-size:1.1rem;line-height:1.35;margin:1rem 0 .35rem}
.muted,.meta{color:var(--muted)}
.meta{font-size:.93rem}
.label{display:inline-block;font-size:.8rem;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:var(--label);margin-bottom:.25rem}
.front{display:grid;gap:0 2.5rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:60rem){.front{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}.front>.lead-story{grid-column:1/-1}}
.lead-story{display:grid;gap:1rem 2rem;padding-bottom:1.5rem;border-bottom:1px solid var(--line);grid-template-columns:minmax(0,1fr)}
@media (min-width:48rem){.lead-story.has-image{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}}
.lead-story h2{font-size:clamp(1.5rem,1.1rem + 1.6vw,2.1rem);line-height:1.2;margin:.1rem 0 .6rem}
.lead-story h2 a,.story-list h3 a,.headline-link{color:var(--fg);text-decoration:none}
.lead-story h2 a:hover,.story-list h3 a:hover,.headline-link:hover{text-decoration:underline}
.standfirst{font-size:1.15rem;line-height:1.5;margin:.25rem 0 .75rem}
.frame{display:block;aspect-ratio:16/9;width:100%;height:auto;object-fit:cover;background:var(--soft);border-radius:4px}
.story-list,.plain-list{list-style:none;margin:0;padding:0}
.story-list>li{padding:.85rem 0;border-bottom:1px solid var(--line)}
.story-list h3{margin:0 0 .2rem}
.story-list p{margin:.2rem 0}
.plain-list>li{padding:.4rem 0}
.more{display:inline-block;min-height:24px;padding:.15rem 0}
.front-sections{grid-column:1/-1}
.sections{display:grid;gap:0 2rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.article{max-width:44rem}
.article .body{font-size:1.125rem;line-height:1.7}
.article .body img{border-radius:4px}
.article .body figure,.main-image{margin:1.5rem 0}
.article .body figcaption{font-size:.9rem;color:var(--muted)}
.article .body blockquote{margin:1.25rem 0;padding:.1rem 1rem;border-left:4px solid var(--line)}
.article .body pre{overflow:auto;background:var(--soft);padding:.75rem}
.article .body table{display:block;overflow-x:auto}
.byline{margin:.25rem 0}
.source-link{margin:1.5rem 0;padding:.75rem 1rem;background:var(--soft);border-left:4px solid var(--accent)}
.source-link a{font-weight:600}
.note{color:var(--muted);font-style:italic}
.breadcrumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;margin:0 0 .5rem;padding:0;font-size:.93rem}
.breadcrumbs li+li::before{content:"›";margin-right:.25rem;color:var(--muted)}
.breadcrumbs a{display:inline-block;min-height:24px}
.tags{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.tags a{display:inline-block;padding:.15rem .6rem;border:1px solid var(--line);border-radius:999px;text-decoration:none;min-height:24px}
.timeline{list-style:none;margin:0;padding:0 0 0 1rem;border-left:2px solid var(--line)}
.timeline>li{position:relative;padding:.5rem 0 .75rem .75rem}
.timeline>li::before{content:"";position:absolute;left:-1.4rem;top:1rem;width:.7rem;height:.7rem;border-radius:50%;background:var(--accent)}
.copies{margin:.25rem 0 0;padding-left:1.1rem;font-size:.93rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.status-ok{color:var(--ok)}.status-bad{color:var(--bad)}
ul.list{padding-left:1.2rem}
ul.list li{margin:.35rem 0}
mark{background:var(--mark);color:inherit;padding:0 .1em}
.search-form{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));align-items:end;margin:1rem 0}
.search-form label{display:block;font-weight:600;font-size:.93rem}
.search-form .wide{grid-column:1/-1}
.hits>li{padding:.75rem 0;border-bottom:1px solid var(--line)}
.hits p{margin:.2rem 0}
.notice{padding:.75rem 1rem;border-left:4px solid var(--bad);background:var(--soft)}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:1.5rem 0}
.pager a{display:inline-block;padding:.3rem 0;min-height:24px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
@media (max-width:30rem){.search-box{max-width:none;margin-left:0}body{font-size:1rem}}
@media print{.site-header,.site-footer,.skip,.search-form,#comments form,.pager,.back-to-top{display:none}
body{font:11pt/1.5 Georgia,serif;color:#000;background:#fff}a{color:#000}
.article .body a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}
.frame{aspect-ratio:auto}}
`;
