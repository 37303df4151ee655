import { TemplateError } from './errors.js';
import { de } from './templates/de.js';
import { en } from './templates/en.js';

/** The texts of one language: category names, consequences, advice, measures and both letters. */
export type Template = typeof en;

/** Templates by language, one data module each (`templates/<lang>.ts`; no JSON imports: the Lambda bundler predates import attributes); add a language by adding a file here. */
export const TEMPLATES: Readonly<Record<string, Template>> = { en, de };

/** Languages with a template. */
export const LANGUAGES = Object.keys(TEMPLATES);

/** The template of a language; the error lists the languages there are. */
export function templateFor(language: string): Template {
  const t = TEMPLATES[language];
  if (!t) throw new TemplateError(`no template for language "${language}"; available: ${LANGUAGES.join(', ')}`);
  return t;
}

/** Fills `{{name}}` placeholders; a placeholder without a value is an error, never left in a letter. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new TemplateError(`placeholder {{${name}}} has no value`);
    return String(v);
  });
}

/** The text of a data category in a template, falling back to "other". */
export function categoryText(t: Template, category: string, field: 'categories' | 'consequences' | 'advice'): string {
  const table = t[field] as Record<string, string>;
  return table[category] ?? table.other ?? category;
}

/** Joins phrases as a sentence list: "a, b and c" (the conjunction per language). */
export function joinList(items: readonly string[], language: string): string {
  return new Intl.ListFormat(templateFor(language).locale, { style: 'long', type: 'conjunction' }).format(items);
}
