// URL slugs for names: ASCII, lower case, hyphenated; Cyrillic transliterated (a simplified
// ISO 9 / BGN-style table) so that Russian names get readable topic URLs too.

// Cyrillic letter → Latin, sorted by letter.
const cyrillicToLatin: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ё: 'e', є: 'ye', і: 'i', ї: 'yi', ґ: 'g',
};

/** A URL slug for a name: "São Paulo" → "sao-paulo", "Москва" → "moskva". */
export function slugify(name: string): string {
  const latin = [...name.toLowerCase()].map((ch) => cyrillicToLatin[ch] ?? ch).join('');
  return latin
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/gu, '')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}
