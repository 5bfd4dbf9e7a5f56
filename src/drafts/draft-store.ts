import { systemClock, type Clock } from '../shared/clock.js';
import type { StorageLike } from '../shared/storage.js';

/**
 * What a visitor has typed but not yet sent, kept in localStorage so a reload
 * or a crash does not cost them the form. One draft per channel, endpoint and
 * form, so two forms on a site never restore into each other.
 */

export const DRAFT_FORMAT_VERSION = 1;
/**
 * Older drafts are dropped: on a shared or public computer, the next person
 * should not find a stranger's name and phone number in the form, and after
 * a month a half-typed enquiry is more likely stale than wanted.
 */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** Long enough to save once per pause in typing, short enough to lose little on a crash. */
export const DRAFT_SAVE_DELAY_MS = 400;

export type DraftValues = Readonly<Record<string, string | boolean>>;
/** What the form holds; `undefined` values are not saved. */
export type DraftInput = Readonly<Record<string, string | boolean | undefined>>;

export interface DraftSaveOptions {
  /** Field ids never written: hidden fields (the site sets them) and anything marked sensitive. */
  readonly exclude: ReadonlySet<string>;
}

export interface DraftLocation {
  /** `undefined` when posting to a relay that adds the channel. */
  readonly channel: string | undefined;
  readonly endpoint: string;
  readonly formId: string;
}

export interface DraftStoreOptions extends DraftLocation {
  readonly storage: StorageLike;
  readonly now?: () => number;
}

export function draftStorageKey({ channel = '', endpoint, formId }: DraftLocation): string {
  return `keen-lead-form:draft:v${DRAFT_FORMAT_VERSION}:${channel}|${endpoint}|${formId}`;
}

export class DraftStore {
  readonly key: string;
  private readonly storage: StorageLike;
  private readonly now: () => number;

  constructor({ storage, now = Date.now, ...location }: DraftStoreOptions) {
    this.storage = storage;
    this.now = now;
    this.key = draftStorageKey(location);
  }

  /**
   * Saves the values except excluded and undefined ones; a draft with
   * nothing typed is cleared instead. Returns false if storage refused
   * (quota, disabled): a draft is a convenience, so that is not an error.
   */
  save(values: DraftInput, { exclude }: DraftSaveOptions): boolean {
    const kept: Record<string, string | boolean> = {};
    for (const [id, value] of Object.entries(values)) {
      if (value !== undefined && !exclude.has(id)) kept[id] = value;
    }
    if (Object.values(kept).every((value) => value === '' || value === false)) return this.clear();
    try {
      this.storage.setItem(this.key, JSON.stringify({ version: DRAFT_FORMAT_VERSION, savedAt: this.now(), values: kept }));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The saved draft, or `undefined` when there is none, it is unreadable or
   * it is too old (the last two are cleared). `exclude` drops fields that
   * became hidden or sensitive since the draft was saved.
   */
  load({ exclude }: Partial<DraftSaveOptions> = {}): DraftValues | undefined {
    let data: unknown;
    try {
      const raw = this.storage.getItem(this.key);
      if (raw === null) return undefined;
      data = JSON.parse(raw);
    } catch {
      data = undefined;
    }
    const values = readDraft(data, this.now());
    if (values === undefined) {
      this.clear();
      return undefined;
    }
    return Object.fromEntries(Object.entries(values).filter(([id]) => exclude?.has(id) !== true));
  }

  /** Returns false if storage refused. */
  clear(): boolean {
    try {
      this.storage.removeItem(this.key);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Saves a draft once typing pauses. `flush()` writes a pending save at once
 * (for `pagehide` or removal of the element); `cancel()` drops it (after a
 * successful send or `reset()`, before clearing the draft, so a late save
 * cannot bring it back).
 */
export class DraftAutosave {
  private pending: { readonly values: DraftInput; readonly options: DraftSaveOptions } | undefined;
  private cancelTimer: (() => void) | undefined;
  private readonly store: DraftStore;
  private readonly delayMs: number;
  private readonly clock: Pick<Clock, 'schedule'>;

  constructor(
    store: DraftStore,
    { delayMs = DRAFT_SAVE_DELAY_MS, clock = systemClock }: { readonly delayMs?: number; readonly clock?: Pick<Clock, 'schedule'> } = {},
  ) {
    this.store = store;
    this.delayMs = delayMs;
    this.clock = clock;
  }

  schedule(values: DraftInput, options: DraftSaveOptions): void {
    // A copy: the caller may keep mutating its object until the save runs.
    this.pending = { values: { ...values }, options };
    this.cancelTimer?.();
    this.cancelTimer = this.clock.schedule(() => this.flush(), this.delayMs);
  }

  flush(): void {
    const pending = this.pending;
    this.cancel();
    if (pending !== undefined) this.store.save(pending.values, pending.options);
  }

  cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.pending = undefined;
  }
}

function readDraft(data: unknown, now: number): DraftValues | undefined {
  if (typeof data !== 'object' || data === null || !('version' in data) || !('savedAt' in data) || !('values' in data)) return undefined;
  const { version, savedAt, values } = data;
  if (version !== DRAFT_FORMAT_VERSION || typeof savedAt !== 'number' || typeof values !== 'object' || values === null) return undefined;
  // Both ways: a clock set far back must not keep a draft forever.
  if (!(Math.abs(now - savedAt) <= DRAFT_MAX_AGE_MS)) return undefined;
  const kept: Record<string, string | boolean> = {};
  for (const [id, value] of Object.entries(values)) {
    if (typeof value === 'string' || typeof value === 'boolean') kept[id] = value;
  }
  return kept;
}
