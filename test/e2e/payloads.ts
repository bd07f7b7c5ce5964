// Loads the hostile HTML payloads of ../shared/data/security (DOMPurify's fixture, the OWASP XSS
// Filter Evasion Cheat Sheet, the HTML5 Security Cheatsheet) for the sanitizer's browser test.
// The data lives outside the repository (licences differ): it is read in place, never copied.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Folder that holds the security data, resolved from the project root (../shared/data/security). */
export const securityDataDir = fileURLToPath(new URL('../../../shared/data/security/', import.meta.url));

/** One hostile HTML string and where it came from (file and a short label for failure messages). */
export interface Payload {
  label: string;
  html: string;
}

/** One data file's payloads. */
export interface PayloadFile {
  file: string;
  payloads: Payload[];
}

interface DompurifyCase { payload: string; title?: string }
interface OwaspBlock { section: string; lang: string; vector: string }
interface H5scVectors { items: { id: number; name: string; data: string }[] }

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(securityDataDir + file, 'utf8')) as T;
}

// Each reader turns one file's own layout into labelled payloads (the README names the field to use).
const READERS: readonly { file: string; read: () => Payload[] }[] = [
  {
    file: 'dompurify-expect.json',
    read: () => readJson<DompurifyCase[]>('dompurify-expect.json').map((c, i) => ({ label: `#${i}${c.title ? ` ${c.title}` : ''}`, html: c.payload })),
  },
  {
    file: 'h5sc-rss-lines.txt',
    read: () => readFileSync(securityDataDir + 'h5sc-rss-lines.txt', 'utf8').split('\n')
      .map((line, i) => ({ label: `line ${i + 1}`, html: line.replace(/\r$/, '') }))
      .filter((p) => p.html.trim() !== ''),
  },
  {
    file: 'h5sc-vectors.json',
    read: () => readJson<H5scVectors>('h5sc-vectors.json').items.map((v) => ({ label: `id ${v.id} ${v.name}`, html: v.data })),
  },
  {
    file: 'owasp-xss-filter-evasion.json',
    read: () => readJson<OwaspBlock[]>('owasp-xss-filter-evasion.json')
      .map((b, i) => ({ block: b, i }))
      .filter(({ block }) => block.lang === 'html')
      .map(({ block, i }) => ({ label: `block ${i} ${block.section.replace(/^.*> /, '')}`, html: block.vector })),
  },
];

/** Every payload file, or undefined when ../shared/data/security is absent (the tests then skip). */
export function loadPayloadFiles(): PayloadFile[] | undefined {
  if (!existsSync(securityDataDir)) return undefined;
  return READERS.map(({ file, read }) => ({ file, payloads: read() }));
}
