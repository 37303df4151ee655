/**
 * Months' names as dates are written in the languages of the EU's largest members and English: `10 Dec 1985`,
 * `10. Dezember 1985`, `10 octobre 1985`, `10 dicembre 1985`. ASCII spellings only: a name with an accent (`März`,
 * `décembre`) holds bytes no token is made of.
 */

/** Each month's names and abbreviations, lower-case: English, German, French, Spanish, Italian, Dutch. */
const NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'januari'],
  ['february', 'feb', 'februar', 'febrero', 'febbraio', 'februari', 'fevrier'],
  ['march', 'mar', 'mars', 'marzo', 'maart', 'maerz'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'mei'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug'],
  ['august', 'aug', 'aout', 'agosto', 'ago', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'set'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'decembre', 'diciembre', 'dic', 'dicembre'],
];

/** @internal Every month's name and abbreviation, lower-case, longest first (as a regex alternation tries them). */
export const MONTH_NAMES: readonly string[] = [...new Set(NAMES.flat())].sort((a, b) => b.length - a.length);

const NUMBER = new Map(NAMES.flatMap((names, i) => names.map((name) => [name, i + 1] as const)));

/** @internal The month (1–12) `name` names, in any case; 0 for none. */
export function monthNumber(name: string): number {
  return NUMBER.get(name.toLowerCase()) ?? 0;
}
