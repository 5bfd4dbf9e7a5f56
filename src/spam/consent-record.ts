/*
 * What a visitor agreed to, as it travels with the lead: one line per
 * consent with the exact text they saw (in their language), the link, the
 * version and the time, in `notes` or in the property the site owner chose.
 * Plain data in, plain data out.
 */

export interface ConsentGiven {
  /** `privacy` for the required consent, `marketing` for the optional one. */
  readonly kind: 'privacy' | 'marketing';
  /** The text exactly as the visitor saw it. */
  readonly text: string;
  readonly link?: string | undefined;
  readonly version?: string | undefined;
  /** A property definition id that receives the line instead of `notes`. */
  readonly property?: string | undefined;
}

const HEADINGS = { privacy: 'Consent', marketing: 'Marketing consent' } as const;

/**
 * One line for whoever reads the lead in Keen (in English, like the
 * attribution block: a record, not UI):
 * `Consent: "I agree …" (https://example.com/privacy, version 2026-01) at 2026-11-30T14:00:00.000Z`
 */
export function consentLine(consent: ConsentGiven, at: Date): string {
  const details = [consent.link, consent.version === undefined ? undefined : `version ${consent.version}`].filter(Boolean);
  const said = `${HEADINGS[consent.kind]}: "${consent.text.replace(/\s+/g, ' ').trim()}"`;
  return `${said}${details.length > 0 ? ` (${details.join(', ')})` : ''} at ${at.toISOString()}`;
}

/**
 * The consents given, as the lead carries them: lines for `notes` (joined,
 * or `undefined` when all go to properties) and property values. They are
 * added after the visitor's own notes were checked against their limit, so
 * a visitor who used every character still has their consent recorded.
 */
export function recordConsents(
  given: readonly ConsentGiven[],
  at: Date,
): { readonly notes: string | undefined; readonly properties: readonly { property_definitions_id: string; value: string }[] } {
  const notes: string[] = [];
  const properties: { property_definitions_id: string; value: string }[] = [];
  for (const consent of given) {
    const line = consentLine(consent, at);
    if (consent.property === undefined) notes.push(line);
    else properties.push({ property_definitions_id: consent.property, value: line });
  }
  return { notes: notes.length > 0 ? notes.join('\n') : undefined, properties };
}
