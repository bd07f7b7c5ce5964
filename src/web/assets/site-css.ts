// The site stylesheet: system fonts, readable measure, dark mode by prefers-color-scheme, visible focus.
export const siteCss = `
:root{--bg:#fff;--fg:#1a1a1a;--muted:#595959;--accent:#0b57d0;--line:#ddd;--bad:#a50e0e;--ok:#146c2e}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#ececec;--muted:#b0b0b0;--accent:#8ab4f8;--line:#333;--bad:#f28b82;--ok:#81c995}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;padding:.5rem 1rem;background:var(--bg)}
.skip:focus{left:0;z-index:10}
.site-header,.site-footer,main{max-width:72rem;margin:0 auto;padding:1rem}
.site-header{border-bottom:1px solid var(--line)}
.site-name{font-weight:700;font-size:1.5rem;text-decoration:none;color:var(--fg);display:inline-block;min-height:24px}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.status-ok{color:var(--ok)}.status-bad{color:var(--bad)}
ul.list{padding-left:1.2rem}
ul.list li{margin:.35rem 0}
@media print{.site-header,.site-footer,.skip{display:none}body{font-size:11pt}}
`;
