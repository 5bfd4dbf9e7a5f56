/*
 * Escaping for markup written as text on a server. One function serves both
 * text and double-quoted attribute contexts: every character that could end
 * a text run or an attribute value, or start a tag or an entity, becomes an
 * entity, so a label such as `<script>` or `" onfocus="` arrives inert.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value, safe inside an element or between double quotes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/** An attribute name a parser reads as one name (no spaces, quotes, `=`, `<`, `>` or `/`). */
export function isAttributeName(name: string): boolean {
  return /^[A-Za-z_:][A-Za-z0-9_:.-]*$/.test(name);
}

/** ` name="value"` pairs; `true` writes the bare name, `false` and `undefined` nothing. */
export function attributes(pairs: Readonly<Record<string, string | number | boolean | undefined>>): string {
  let text = '';
  for (const [name, value] of Object.entries(pairs)) {
    if (value === undefined || value === false) continue;
    text += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return text;
}
