/*
 * Every value taken from a URL (campaign parameters, referrer, pages,
 * prefilled fields) passes through here before it is kept or sent. Values
 * travel as JSON strings and Keen stores them as text, so nothing is ever
 * interpreted as markup; what remains to guard against is invisible or
 * reordering characters in a CRM and a page stuffing storage or a lead.
 */

/** The most characters kept of any value taken from a URL (the README says so). */
export const ATTRIBUTION_VALUE_MAX_LENGTH = 200;

// C0/C1 controls (newlines, NUL, escape sequences) and the bidirectional
// overrides that can make `gro.live` read as `evil.org` in a CRM.
const UNSAFE_CHARACTERS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/** Plain, trimmed text of at most {@link ATTRIBUTION_VALUE_MAX_LENGTH} characters; may be empty. */
export function cleanAttributionValue(text: string): string {
  return (
    text
      .replace(UNSAFE_CHARACTERS, '')
      .trim()
      .slice(0, ATTRIBUTION_VALUE_MAX_LENGTH)
      // A cut through a surrogate pair would leave half an emoji.
      .replace(/[\ud800-\udbff]$/, '')
  );
}
