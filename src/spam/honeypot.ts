/*
 * The honeypot: one text input that people never see, reach or fill, and
 * that scripts filling every input do fill. Its name and label match no
 * autofill or password-manager heuristic (no "name", "email", "address",
 * "url", "company"…), so a browser's autofill leaves it empty too.
 */

/** The input's name: meaningless to autofill heuristics, plausible to a bot. */
export const HONEYPOT_NAME = 'keen_hp_reference';

/**
 * A filled honeypot means a script, not a person: whitespace counts as
 * filled, since no person can type into the field at all.
 */
export function isHoneypotFilled(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}
