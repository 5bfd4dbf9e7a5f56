import { en, type Messages } from './en.js';
import { da } from './da.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { nb } from './nb.js';
import { nl } from './nl.js';
import { sv } from './sv.js';

/** Every built-in language, by its BCP 47 primary subtag. */
export const CATALOGUES: Readonly<Record<string, Messages>> = Object.freeze({ en, da, de, sv, nb, nl, fr, es });

/** Primary subtags served by another language's catalogue. */
const ALIASES: Readonly<Record<string, string>> = Object.freeze({ no: 'nb', nn: 'nb' });

/**
 * Resolves a BCP 47 tag ("de-AT", "nb-NO", "no", "da") to a built-in
 * catalogue; "no"/"nn" fall back to nb; unknown → en.
 */
export function catalogueFor(lang: string | null | undefined): Messages {
  const primary = (lang ?? '').trim().split(/[-_]/, 1)[0]?.toLowerCase() ?? '';
  const code = Object.hasOwn(ALIASES, primary) ? ALIASES[primary] ?? primary : primary;
  return Object.hasOwn(CATALOGUES, code) ? CATALOGUES[code] ?? en : en;
}
