import type { SubmitFailureKind } from '../api/submit-lead.js';
import type { ValidatedLeadPayload } from '../schema/lead-payload.js';
import { isRecord } from '../shared/json.js';
import type { StorageLike } from '../shared/storage.js';

/*
 * The persistent outbox for one endpoint: leads that are not yet delivered,
 * kept in localStorage so a reload, a crash or a closed tab does not lose
 * them. Other tabs write the same key, so every write re-reads storage first
 * and then replaces the whole list with one `setItem`, which is atomic per
 * key: a tab that dies mid-way leaves either the old list or the new one.
 */

export const OUTBOX_FORMAT_VERSION = 1;
export const OUTBOX_MAX_ITEMS = 10;
/**
 * In UTF-16 code units of the stored JSON, the unit localStorage quotas are
 * counted in. Ten ordinary leads use a few KB; the bound keeps a stuck outbox
 * from crowding out the host site's own storage.
 */
export const OUTBOX_MAX_CHARS = 256 * 1024;
/** Keeps a chatty error page from bloating every item. */
const FAILURE_MESSAGE_MAX_CHARS = 500;

/** Why the last attempt failed, as far as the outbox needs to remember. */
export interface OutboxFailure {
  readonly kind: SubmitFailureKind | 'invalid-payload';
  readonly status?: number;
  readonly message: string;
  /** The relay's spam check that refused it (see SubmitFailure.refused). */
  readonly refused?: string;
}

export interface OutboxItem {
  /** The submission id. */
  readonly id: string;
  readonly endpoint: string;
  /** The `lead_external` body as queued. Storage can be edited, so re-validate before sending. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  /** Attempts started, including any whose outcome was never learned. */
  readonly attempts: number;
  /** When our backoff next allows an attempt (epoch ms). */
  readonly nextAttemptAt: number;
  /**
   * No attempt before this, not even on `online`, a flush or `pagehide`: from
   * the server's `Retry-After`, or the form's minimum time (src/spam/min-time.ts).
   */
  readonly notBefore?: number;
  /**
   * A short claim by one courier (a tab): set when it queues the item and
   * while it sends it, so other tabs leave the item alone until `heldUntil`:
   * on paths that cannot take the lock (`pagehide`), and when their copy of
   * storage is a moment behind (they still see the claim, written before the
   * request, even if not yet the removal written after it).
   */
  readonly heldBy?: string;
  readonly heldUntil?: number;
  readonly lastFailure?: OutboxFailure;
}

export type NewOutboxItem = Omit<OutboxItem, 'endpoint' | 'payload'> & { readonly payload: ValidatedLeadPayload };

/** What a delivery attempt may change; `undefined` clears a field. */
export type OutboxItemPatch = Partial<
  Pick<OutboxItem, 'attempts' | 'nextAttemptAt' | 'notBefore' | 'heldBy' | 'heldUntil' | 'lastFailure'>
>;

export interface StorageFailure {
  readonly ok: false;
  /** Storage refused the write (quota, disabled, or unreadable data it could not set aside). */
  readonly reason: 'storage';
  readonly message: string;
}

export type AddResult =
  | { readonly ok: true; readonly item: OutboxItem }
  | { readonly ok: false; readonly reason: 'full'; readonly message: string }
  | StorageFailure;

export type UpdateResult =
  | { readonly ok: true; readonly item: OutboxItem }
  | { readonly ok: false; readonly reason: 'missing'; readonly message: string }
  | StorageFailure;

export type RemoveResult = { readonly ok: true; readonly removed: boolean } | StorageFailure;

export type SetAsideResult =
  | { readonly ok: true; readonly key: string }
  | { readonly ok: false; readonly reason: 'missing'; readonly message: string }
  | StorageFailure;

export interface OutboxStoreOptions {
  readonly storage: StorageLike;
  readonly endpoint: string;
  /** For the names of set-aside keys. */
  readonly now?: () => number;
  /** Where to say that data was set aside; `console.warn` by default. */
  readonly warn?: (message: string) => void;
}

export function outboxStorageKey(endpoint: string): string {
  return `keen-lead-form:outbox:v${OUTBOX_FORMAT_VERSION}:${endpoint}`;
}

export class OutboxStore {
  readonly endpoint: string;
  readonly key: string;
  private readonly storage: StorageLike;
  private readonly now: () => number;
  private readonly warn: (message: string) => void;

  constructor({ storage, endpoint, now = Date.now, warn = (message) => console.warn(message) }: OutboxStoreOptions) {
    this.storage = storage;
    this.endpoint = endpoint;
    this.key = outboxStorageKey(endpoint);
    this.now = now;
    this.warn = warn;
  }

  /** Every queued item, oldest first. */
  list(): readonly OutboxItem[] {
    return this.read().items;
  }

  get(id: string): OutboxItem | undefined {
    return this.read().items.find((item) => item.id === id);
  }

  /**
   * Queues an item. When the outbox is full the newest is refused, not the
   * oldest evicted: the oldest belong to visitors who are gone, while the
   * current visitor can still be told. Adding an id that is already queued
   * returns the queued item. A courier also adds back an item storage lost.
   */
  add(item: NewOutboxItem | OutboxItem): AddResult {
    const { items, unwritable } = this.read();
    if (unwritable !== undefined) return unwritable;
    const existing = items.find((queued) => queued.id === item.id);
    if (existing !== undefined) return { ok: true, item: existing };
    if (items.length >= OUTBOX_MAX_ITEMS) {
      return { ok: false, reason: 'full', message: `The outbox already holds ${OUTBOX_MAX_ITEMS} unsent leads` };
    }
    const added: OutboxItem = { ...item, endpoint: this.endpoint };
    const json = serialise([...items, added]);
    if (json.length > OUTBOX_MAX_CHARS) {
      return { ok: false, reason: 'full', message: `The outbox would exceed ${OUTBOX_MAX_CHARS} characters` };
    }
    return this.writeJson(json) ?? { ok: true, item: added };
  }

  update(id: string, patch: OutboxItemPatch): UpdateResult {
    const { items, unwritable } = this.read();
    if (unwritable !== undefined) return unwritable;
    const current = items.find((item) => item.id === id);
    if (current === undefined) return missing(id);
    const updated = patchItem(current, patch);
    return this.write(items.map((item) => (item.id === id ? updated : item))) ?? { ok: true, item: updated };
  }

  remove(id: string): RemoveResult {
    const { items, unwritable } = this.read();
    if (unwritable !== undefined) return unwritable;
    const kept = items.filter((item) => item.id !== id);
    if (kept.length === items.length) return { ok: true, removed: false };
    return this.write(kept) ?? { ok: true, removed: true };
  }

  /**
   * Moves one item out of the outbox into its own set-aside key, for an item
   * that can never be sent (its payload no longer validates) but may still
   * hold a visitor's lead.
   */
  setAside(id: string, why: string): SetAsideResult {
    const { items, unwritable } = this.read();
    if (unwritable !== undefined) return unwritable;
    const item = items.find((queued) => queued.id === id);
    if (item === undefined) return missing(id);
    const key = this.keepAside(JSON.stringify(item), why);
    if (key === undefined) return storageFailure(`Could not set aside outbox item ${id}`);
    return this.write(items.filter((queued) => queued.id !== id)) ?? { ok: true, key };
  }

  /**
   * Reads and checks the stored list. Unreadable data is never thrown on and
   * never silently deleted: the raw text is copied to a set-aside key, the
   * readable items are kept, and the store carries on. If even the copy
   * fails, the store refuses to write rather than overwrite a possible lead.
   */
  private read(): { readonly items: OutboxItem[]; readonly unwritable?: StorageFailure } {
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch (error) {
      return { items: [], unwritable: storageFailure(describe(error)) };
    }
    if (raw === null) return { items: [] };
    const { items, problem } = parseOutbox(raw, this.endpoint);
    if (problem === undefined) return { items };
    if (this.keepAside(raw, problem) === undefined) {
      return { items, unwritable: storageFailure(`Unreadable outbox data (${problem}) could not be set aside`) };
    }
    // Rewrite the readable part so the same data is not set aside on every read.
    this.write(items);
    return { items };
  }

  private keepAside(raw: string, why: string): string | undefined {
    const base = `${this.key}:corrupt:${this.now()}`;
    try {
      let key = base;
      for (let n = 1; this.storage.getItem(key) !== null; n++) key = `${base}-${n}`;
      this.storage.setItem(key, raw);
      this.warn(`keen-lead-form: outbox data set aside under "${key}": ${why}`);
      return key;
    } catch {
      return undefined;
    }
  }

  private write(items: readonly OutboxItem[]): StorageFailure | undefined {
    if (items.length > 0) return this.writeJson(serialise(items));
    try {
      this.storage.removeItem(this.key);
      return undefined;
    } catch (error) {
      return storageFailure(describe(error));
    }
  }

  private writeJson(json: string): StorageFailure | undefined {
    try {
      this.storage.setItem(this.key, json);
      return undefined;
    } catch (error) {
      // QuotaExceededError above all; reported, never thrown.
      return storageFailure(describe(error));
    }
  }
}

/** An item with a patch applied: `undefined` removes a field; a failure's message is kept short. */
export function patchItem(item: OutboxItem, patch: OutboxItemPatch): OutboxItem {
  const patched = Object.fromEntries(Object.entries({ ...item, ...patch }).filter(([, value]) => value !== undefined));
  const { lastFailure } = patch;
  if (lastFailure !== undefined) patched['lastFailure'] = { ...lastFailure, message: lastFailure.message.slice(0, FAILURE_MESSAGE_MAX_CHARS) };
  return patched as unknown as OutboxItem;
}

function serialise(items: readonly OutboxItem[]): string {
  return JSON.stringify({ version: OUTBOX_FORMAT_VERSION, items });
}

function parseOutbox(raw: string, endpoint: string): { readonly items: OutboxItem[]; readonly problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { items: [], problem: 'not JSON' };
  }
  if (!isRecord(data) || data['version'] !== OUTBOX_FORMAT_VERSION || !Array.isArray(data['items'])) {
    return { items: [], problem: `not a version ${OUTBOX_FORMAT_VERSION} outbox` };
  }
  const all: unknown[] = data['items'];
  const items = all.filter((item): item is OutboxItem => isOutboxItem(item, endpoint));
  return items.length === all.length ? { items } : { items, problem: `${all.length - items.length} unreadable item(s)` };
}

function isOutboxItem(value: unknown, endpoint: string): boolean {
  if (!isRecord(value)) return false;
  const { id, payload, createdAt, attempts, nextAttemptAt, notBefore, heldBy, heldUntil, lastFailure } = value;
  return (
    typeof id === 'string' &&
    id !== '' &&
    value['endpoint'] === endpoint &&
    isRecord(payload) &&
    isTime(createdAt) &&
    typeof attempts === 'number' &&
    Number.isInteger(attempts) &&
    attempts >= 0 &&
    isTime(nextAttemptAt) &&
    (notBefore === undefined || isTime(notBefore)) &&
    (heldBy === undefined || typeof heldBy === 'string') &&
    (heldUntil === undefined || isTime(heldUntil)) &&
    (lastFailure === undefined ||
      (isRecord(lastFailure) &&
        typeof lastFailure['kind'] === 'string' &&
        typeof lastFailure['message'] === 'string' &&
        (lastFailure['status'] === undefined || typeof lastFailure['status'] === 'number')))
  );
}

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

function missing(id: string): { readonly ok: false; readonly reason: 'missing'; readonly message: string } {
  return { ok: false, reason: 'missing', message: `No outbox item ${id}` };
}

function storageFailure(message: string): StorageFailure {
  return { ok: false, reason: 'storage', message };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
