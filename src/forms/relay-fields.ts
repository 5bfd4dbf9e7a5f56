import { parseFormConfig, type FieldInput, type ParseResult } from '../schema/form-config.js';
import type { StorageLike } from '../shared/storage.js';

/*
 * The fields a relay serves at `?action=fields` (`fields-from="relay"`):
 * where to ask, how to read the answer (the same schema as the page's own
 * JSON config, so a relay cannot hand the form anything the page could not),
 * and a short-lived copy per tab so the next page view renders them at once.
 * Plain data and an injected storage; the element's controller does the rest.
 */

/** How long a tab reuses the relay's answer without asking again. */
export const RELAY_FIELDS_TTL_MS = 10 * 60_000;

const CACHE_PREFIX = 'keen-lead-form:fields:';

/** The relay's fields URL: its endpoint (absolute or relative to the page) with `action=fields`. */
export function relayFieldsUrl(endpoint: string, base: string): string {
  const url = new URL(endpoint, base);
  url.searchParams.set('action', 'fields');
  return url.href;
}

/** Checks a relay's answer: a configuration whose `fields` list passes the form's schema. */
export function readRelayFields(json: unknown): ParseResult<readonly FieldInput[]> {
  const parsed = parseFormConfig(json, "the relay's fields");
  if (!parsed.ok) return parsed;
  return parsed.value.fields === undefined ? { ok: false, problems: ['no "fields"'] } : { ok: true, value: parsed.value.fields };
}

/** The relay's last answer for `url` while it is younger than the TTL; anything unreadable counts as none. */
export function cachedRelayFields(storage: StorageLike | undefined, url: string, now: number): readonly FieldInput[] | undefined {
  try {
    const entry = JSON.parse(storage?.getItem(CACHE_PREFIX + url) ?? 'null') as { savedAt?: unknown; fields?: unknown } | null;
    if (entry === null || !(now - (entry.savedAt as number) < RELAY_FIELDS_TTL_MS)) return undefined;
    const read = readRelayFields({ fields: entry.fields });
    return read.ok ? read.value : undefined;
  } catch {
    return undefined;
  }
}

export function cacheRelayFields(storage: StorageLike | undefined, url: string, fields: readonly FieldInput[], now: number): void {
  try {
    storage?.setItem(CACHE_PREFIX + url, JSON.stringify({ savedAt: now, fields }));
  } catch {
    // A full or refused storage only costs the next page view a request.
  }
}
