// Pictures the demo outlets serve: a lead image per article and a logo per outlet, drawn as small
// deterministic SVGs (the same id always gives the same bytes) so pages have real <img> targets.
import { createHash } from 'node:crypto';
import { esc } from './markup.js';

/** Palettes for the generated pictures, sorted by name: sky, land, accent. */
const palettes: ReadonlyArray<readonly [string, string, string]> = [
  ['#1d3557', '#457b9d', '#f1faee'],
  ['#264653', '#2a9d8f', '#e9c46a'],
  ['#3d405b', '#81b29a', '#f2cc8f'],
  ['#5f0f40', '#9a031e', '#fb8b24'],
  ['#22223b', '#4a4e69', '#c9ada7'],
  ['#003049', '#d62828', '#fcbf49'],
];

/** Wraps text into lines of at most `width` characters at word boundaries. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

/** The lead image of an article: a landscape of hills and a sun, seeded by the id, with the alt text written on it. */
export function drawLeadImage(id: string, alt: string): string {
  const h = createHash('sha256').update(id).digest();
  const [sky, land, accent] = palettes[h[0]! % palettes.length]!;
  const hill = (i: number) => 250 + (h[i]! % 120);
  const sunX = 120 + (h[5]! % 960);
  const lines = wrap(alt, 48).map((l, i) => `<text x="600" y="${560 + i * 44}" text-anchor="middle">${esc(l)}</text>`);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675" role="img">',
    `<title>${esc(alt)}</title>`,
    `<rect width="1200" height="675" fill="${sky}"/>`,
    `<circle cx="${sunX}" cy="${120 + (h[6]! % 80)}" r="${50 + (h[7]! % 40)}" fill="${accent}"/>`,
    `<path d="M0 ${hill(1)} Q300 ${hill(2) - 120} 600 ${hill(3)} T1200 ${hill(4)} V675 H0 Z" fill="${land}"/>`,
    '<rect y="500" width="1200" height="175" fill="#000" fill-opacity="0.45"/>',
    `<g font-family="Georgia, serif" font-size="34" fill="#fff">${lines.join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
}

/** An outlet's logo: its name on a coloured band (used by pages and the JSON-LD publisher). */
export function drawLogo(slug: string, name: string): string {
  const h = createHash('sha256').update(slug).digest();
  const [colour, , accent] = palettes[h[0]! % palettes.length]!;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60" viewBox="0 0 600 60" role="img">',
    `<title>${esc(name)}</title>`,
    `<rect width="600" height="60" rx="6" fill="${colour}"/>`,
    `<rect x="12" y="12" width="36" height="36" rx="18" fill="${accent}"/>`,
    `<text x="64" y="41" font-family="Georgia, serif" font-size="30" fill="#fff">${esc(name)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
