// Host tables the sanitizer consults: video players that may be embedded, and trackers whose
// images (pixels, web bugs) are dropped. Sorted; a host matches itself and its subdomains.

/** Video players whose https iframes may appear in an article (sandboxed). */
export const EMBED_HOSTS: readonly string[] = [
  'geo.dailymotion.com',
  'player.vimeo.com',
  'www.dailymotion.com',
  'www.youtube-nocookie.com',
  'www.youtube.com',
  'youtube.com',
];

/** Hosts that serve tracking pixels and ads; images from them never reach a page. */
export const TRACKER_HOSTS: readonly string[] = [
  'adservice.google.com',
  'amazon-adsystem.com',
  'analytics.twitter.com',
  'bat.bing.com',
  'count.livetv.ru',
  'ct.pinterest.com',
  'doubleclick.net',
  'facebook.com/tr',
  'feeds.feedburner.com/~ff',
  'feeds.feedburner.com/~r',
  'feeds.wordpress.com/1.0',
  'feedsportal.com',
  'google-analytics.com',
  'googlesyndication.com',
  'googletagmanager.com',
  'mathtag.com',
  'outbrain.com',
  'pixel.quantserve.com',
  'pixel.wp.com',
  'pixel.yabidos.com',
  'quantserve.com',
  'scorecardresearch.com',
  'stats.wp.com',
  'taboola.com',
  'tapad.com',
];

/** Whether a host is one of `hosts` or a subdomain of one (entries with a path also match the path prefix). */
export function hostMatches(url: URL | { hostname: string; pathname: string }, hosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const hostPath = host + url.pathname;
  for (const entry of hosts) {
    if (entry.includes('/')) {
      if (hostPath.startsWith(entry) || hostPath.includes('.' + entry)) return true;
    } else if (host === entry || host.endsWith('.' + entry)) {
      return true;
    }
  }
  return false;
}
