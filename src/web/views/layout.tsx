// The page frame every page shares: skip link, header with the site name, main landmark, footer.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { siteCss } from '../assets/site-css.js';

/** Props of the page frame. */
export interface LayoutProps {
  siteName: string;
  title: string;
  description?: string;
  children?: Child;
}

/** Wraps page content in the site's HTML document. */
export function Layout(props: LayoutProps) {
  const fullTitle = props.title === props.siteName ? props.siteName : `${props.title} — ${props.siteName}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{fullTitle}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <style>{raw(siteCss)}</style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="site-name" href="/">{props.siteName}</a>
        </header>
        <main id="main" tabindex={-1}>{props.children}</main>
        <footer class="site-footer">
          <p>{props.siteName} is powered by Topstory.</p>
        </footer>
      </body>
    </html>
  );
}
