// Function words per language (sorted lists): they carry no topic, so term vectors drop them, and
// their frequencies tell the languages apart (src/text/language.ts).

/** Stopwords by ISO 639-1 code, each list sorted. */
export const stopwordLists: Readonly<Record<string, readonly string[]>> = {
  de: [
    'aber', 'als', 'am', 'an', 'auch', 'auf', 'aus', 'bei', 'bis', 'da', 'das', 'dass', 'dem', 'den',
    'der', 'des', 'die', 'doch', 'ein', 'eine', 'einem', 'einen', 'einer', 'eines', 'er', 'es', 'für',
    'gegen', 'hat', 'hatte', 'ich', 'ihr', 'im', 'in', 'ist', 'jedoch', 'kein', 'man', 'mit', 'nach',
    'nicht', 'noch', 'nur', 'oder', 'schon', 'sei', 'sein', 'seit', 'sich', 'sie', 'sind', 'so', 'über',
    'um', 'und', 'uns', 'unter', 'vom', 'von', 'vor', 'war', 'waren', 'was', 'weil', 'wenn', 'werden',
    'wie', 'wieder', 'wir', 'wird', 'wurde', 'wurden', 'zu', 'zum', 'zur', 'zwischen',
  ],
  en: [
    'a', 'about', 'after', 'against', 'all', 'also', 'an', 'and', 'any', 'are', 'as', 'at', 'be',
    'because', 'been', 'before', 'being', 'between', 'both', 'but', 'by', 'can', 'could', 'did', 'do',
    'does', 'during', 'each', 'for', 'from', 'had', 'has', 'have', 'he', 'her', 'here', 'hers', 'him',
    'his', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'just', 'more', 'most', 'my', 'no', 'not',
    'now', 'of', 'on', 'one', 'only', 'or', 'other', 'our', 'out', 'over', 'said', 'says', 'she', 'should',
    'so', 'some', 'such', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they',
    'this', 'those', 'through', 'to', 'told', 'too', 'under', 'up', 'very', 'was', 'we', 'were', 'what',
    'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with', 'would', 'you', 'your',
  ],
  es: [
    'a', 'al', 'algo', 'ante', 'como', 'con', 'contra', 'cuando', 'de', 'del', 'desde', 'donde', 'durante',
    'e', 'el', 'ella', 'ellos', 'en', 'entre', 'era', 'es', 'esa', 'ese', 'eso', 'esta', 'está', 'este',
    'esto', 'fue', 'ha', 'han', 'hasta', 'hay', 'la', 'las', 'le', 'les', 'lo', 'los', 'más', 'mientras',
    'muy', 'ni', 'no', 'nos', 'o', 'para', 'pero', 'por', 'porque', 'que', 'quien', 'se', 'ser', 'si',
    'sin', 'sobre', 'son', 'su', 'sus', 'también', 'tiene', 'todo', 'un', 'una', 'uno', 'y', 'ya',
  ],
  fr: [
    'à', 'au', 'aussi', 'aux', 'avait', 'avec', 'ce', 'cela', 'ces', 'cette', 'comme', 'dans', 'de', 'des',
    'donc', 'du', 'elle', 'elles', 'en', 'entre', 'est', 'et', 'été', 'être', 'il', 'ils', 'je', 'la', 'le',
    'les', 'leur', 'leurs', 'lui', 'mais', 'même', 'ne', 'nous', 'on', 'ont', 'ou', 'où', 'par', 'pas',
    'plus', 'pour', 'qu', 'que', 'qui', 'sa', 'sans', 'se', 'selon', 'ses', 'son', 'sont', 'sous', 'sur',
    'très', 'un', 'une', 'vous',
  ],
  it: [
    'a', 'ad', 'al', 'alla', 'alle', 'anche', 'che', 'chi', 'come', 'con', 'da', 'dal', 'dalla', 'degli',
    'dei', 'del', 'della', 'delle', 'di', 'dopo', 'e', 'è', 'era', 'gli', 'ha', 'hanno', 'i', 'il', 'in',
    'la', 'le', 'lo', 'loro', 'ma', 'nel', 'nella', 'non', 'o', 'per', 'però', 'più', 'quando', 'quella',
    'questa', 'questo', 'se', 'si', 'sono', 'su', 'sua', 'sul', 'sulla', 'suo', 'tra', 'un', 'una', 'uno',
  ],
  nl: [
    'aan', 'al', 'als', 'bij', 'dan', 'dat', 'de', 'deze', 'die', 'dit', 'door', 'een', 'en', 'er', 'haar',
    'heb', 'hebben', 'heeft', 'het', 'hij', 'hun', 'ik', 'in', 'is', 'je', 'kan', 'maar', 'met', 'na',
    'naar', 'niet', 'nog', 'of', 'om', 'omdat', 'ook', 'op', 'over', 'te', 'tot', 'uit', 'van', 'voor',
    'was', 'wat', 'werd', 'werden', 'wie', 'wij', 'wordt', 'zal', 'ze', 'zich', 'zij', 'zijn', 'zo',
  ],
  pt: [
    'a', 'ao', 'aos', 'as', 'até', 'com', 'como', 'da', 'das', 'de', 'do', 'dos', 'e', 'é', 'ela', 'ele',
    'eles', 'em', 'entre', 'era', 'essa', 'esse', 'esta', 'está', 'este', 'foi', 'foram', 'há', 'isso',
    'já', 'mais', 'mas', 'muito', 'na', 'não', 'nas', 'no', 'nos', 'o', 'os', 'ou', 'para', 'pela',
    'pelo', 'por', 'porque', 'quando', 'que', 'são', 'se', 'sem', 'ser', 'seu', 'sua', 'também', 'um',
    'uma',
  ],
  ru: [
    'а', 'без', 'был', 'была', 'были', 'было', 'быть', 'в', 'во', 'вот', 'все', 'всё', 'вы', 'где', 'да',
    'для', 'до', 'его', 'ее', 'её', 'если', 'есть', 'еще', 'ещё', 'же', 'за', 'и', 'из', 'или', 'им', 'их',
    'к', 'как', 'ко', 'когда', 'которые', 'который', 'ли', 'мы', 'на', 'над', 'не', 'него', 'нет', 'ни',
    'но', 'о', 'об', 'однако', 'он', 'она', 'они', 'оно', 'от', 'по', 'под', 'после', 'при', 'с', 'со',
    'так', 'также', 'там', 'то', 'только', 'том', 'у', 'уже', 'что', 'чтобы', 'это', 'этот', 'я',
  ],
};

const stopwordSets = new Map<string, ReadonlySet<string>>(
  Object.entries(stopwordLists).map(([lang, list]) => [lang, new Set(list)]),
);

/** True when a case-folded word is a function word of the language (or of English when unknown). */
export function isStopword(word: string, lang: string): boolean {
  return (stopwordSets.get(lang) ?? stopwordSets.get('en'))!.has(word);
}

/** The stopword set of a language, or undefined when we have none. */
export function stopwordsOf(lang: string): ReadonlySet<string> | undefined {
  return stopwordSets.get(lang);
}
