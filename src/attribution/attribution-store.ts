import type { StorageLike } from '../shared/storage.js';
import { recordTouch, type AttributionRecord } from './attribution-record.js';

/*
 * Where first and last touch are kept: sessionStorage by default (gone when
 * the visitor closes the tab), localStorage only when the site opts in with
 * `attribution="persist"` (then for 90 days after the last campaign visit).
 * Storage is a convenience here: when it is blocked or full, attribution is
 * simply not remembered, and nothing throws.
 */

/** `session` keeps attribution for the browser session; `persist` for {@link ATTRIBUTION_MAX_AGE_MS}. */
export type AttributionMode = 'session' | 'persist';

export const ATTRIBUTION_STORAGE_KEY = 'keen-lead-form:attribution:v1';

export interface AttributionStorages {
  readonly session: StorageLike | undefined;
  readonly local: StorageLike | undefined;
}

/** The page's session and local storage; either is `undefined` where merely touching it throws. */
export function browserStorages(): AttributionStorages {
  const get = (name: 'sessionStorage' | 'localStorage'): StorageLike | undefined => {
    try {
      return globalThis[name] ?? undefined;
    } catch {
      return undefined;
    }
  };
  return { session: get('sessionStorage'), local: get('localStorage') };
}

function isTouch(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.values(value).every((text) => typeof text === 'string');
}

function parse(raw: string, now: number): AttributionRecord | undefined {
  try {
    const record = JSON.parse(raw) as Partial<AttributionRecord> | null;
    if (isTouch(record?.first) && isTouch(record?.last) && typeof record?.expires === 'number' && record.expires > now) {
      return record as AttributionRecord;
    }
  } catch {
    // Not JSON: treated like any record we cannot use.
  }
  return undefined;
}

function read(storage: StorageLike | undefined, now: number): AttributionRecord | undefined {
  try {
    const raw = storage?.getItem(ATTRIBUTION_STORAGE_KEY);
    if (raw === null || raw === undefined) return undefined;
    const record = parse(raw, now);
    // Expired or not ours to understand: the key only ever holds attribution, so it can go.
    if (record === undefined) storage?.removeItem(ATTRIBUTION_STORAGE_KEY);
    return record;
  } catch {
    // Storage that throws: nothing remembered.
    return undefined;
  }
}

function write(storage: StorageLike | undefined, record: AttributionRecord | undefined): void {
  try {
    if (record === undefined) storage?.removeItem(ATTRIBUTION_STORAGE_KEY);
    else storage?.setItem(ATTRIBUTION_STORAGE_KEY, JSON.stringify(record));
  } catch {
    // Quota or blocked storage: attribution is not remembered, the form still works.
  }
}

/**
 * The record in force. In `persist` mode, touches that pages without the
 * persist setting kept in the session are replayed onto the stored record,
 * so a campaign seen on such a page still counts.
 */
export function loadAttribution(storages: AttributionStorages, mode: AttributionMode, now: number): AttributionRecord | undefined {
  const session = read(storages.session, now);
  if (mode === 'session') return session;
  let record = read(storages.local, now);
  for (const touch of session === undefined ? [] : [session.first, session.last]) record = recordTouch(record, touch, now) ?? record;
  return record;
}

/** Keeps the record where its mode says; `persist` moves a session record into localStorage. */
export function saveAttribution(storages: AttributionStorages, mode: AttributionMode, record: AttributionRecord): void {
  if (mode === 'persist') {
    write(storages.local, record);
    write(storages.session, undefined);
  } else {
    write(storages.session, record);
  }
}

/** Forgets all attribution on this device, in both storages. */
export function forgetAttribution(storages: AttributionStorages): void {
  write(storages.session, undefined);
  write(storages.local, undefined);
}
