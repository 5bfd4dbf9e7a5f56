/*
 * Page-wide attribution settings for pages without a form (and defaults for
 * the forms on pages that have one), from one tag in the page's <head>:
 *
 *   <meta name="keen-attribution" content="attribution=persist attribution-consent=required referral-param=partner">
 *
 * The same names and values as the form's attributes. This module only
 * reads the tag; the settings are checked like every other setting.
 */

export const PAGE_SETTINGS_META = 'meta[name="keen-attribution"]';

/** The tag's settings by camelCase key (`attributionConsent`), unchecked; `undefined` without the tag. */
export function readPageSettings(root: ParentNode = document): Record<string, string> | undefined {
  const content = root.querySelector(PAGE_SETTINGS_META)?.getAttribute('content');
  if (content === null || content === undefined) return undefined;
  const settings: Record<string, string> = {};
  for (const pair of content.split(/[\s,;]+/)) {
    const [name = '', value = ''] = pair.split('=', 2);
    if (name !== '') settings[name.replace(/-(\w)/g, (_dash, letter: string) => letter.toUpperCase())] = value;
  }
  return settings;
}
