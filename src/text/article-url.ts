// The identity of an article's URL: the same article reached with tracking parameters, another
// letter case in the host, a default port, a fragment or its AMP twin is one URL.

// Query parameters that only track the reader and never select content. Sorted; a trailing "*" is a prefix.
const trackingParameters: readonly string[] = [
  '_ga', '_gl', 'cmpid', 'dclid', 'fbclid', 'gclid', 'gclsrc', 'icid', 'igshid', 'mc_cid', 'mc_eid', 'mkt_tok',
  'msclkid', 'ocid', 'oly_anon_id', 'oly_enc_id', 'ref', 'ref_src', 'rss', 'smid', 'spm', 'twclid', 'utm_*', 'vero_id',
  'wt.mc_id', 'yclid',
];

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return trackingParameters.some((p) => (p.endsWith('*') ? lower.startsWith(p.slice(0, -1)) : lower === p));
}

// AMP versions of a page (Google's AMP conventions as publishers use them): path suffix /amp or
// /amp.html, a leading /amp/ segment, ?amp / ?amp=1 / ?outputType=amp. Sorted by what they match.
const ampQueryKeys: readonly string[] = ['amp', 'outputtype'];

/**
 * The normalized form used to recognise an article already stored: lower-case host, no default
 * port, no fragment, no tracking parameters, remaining parameters sorted, AMP URLs mapped to their
 * canonical page. Returns undefined for anything but an absolute http(s) URL.
 */
export function normalizeUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if (url.hostname.startsWith('amp.')) url.hostname = url.hostname.slice(4);
  const kept: Array<[string, string]> = [];
  for (const [name, value] of url.searchParams) {
    if (isTracking(name)) continue;
    const lower = name.toLowerCase();
    if (ampQueryKeys.includes(lower) && (lower === 'amp' || value.toLowerCase() === 'amp')) continue;
    kept.push([name, value]);
  }
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = kept.length > 0 ? new URLSearchParams(kept).toString() : '';
  let path = url.pathname;
  path = path.replace(/^\/amp(\/|$)/i, '/').replace(/\/amp(\.html)?\/?$/i, '/').replace(/\.amp(\.html)?$/i, '$1');
  url.pathname = path === '' ? '/' : path;
  return url.href;
}
