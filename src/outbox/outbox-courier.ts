import type { KeenLead, SubmitFailure, SubmitResult } from '../api/submit-lead.js';
import { parseLeadPayload, type ValidatedLeadPayload } from '../schema/lead-payload.js';
import { sleepUntil, systemClock, type Clock } from '../shared/clock.js';
import { createSubmissionId } from '../shared/submission-id.js';
import { RETRY_AFTER_CEILING_MS, retryDelayMs } from './backoff.js';
import type { DeliveryLock } from './delivery-lock.js';
import type { DeliveryReceipt, DeliveryReceipts } from './delivery-receipts.js';
import { OUTBOX_MAX_ITEMS, patchItem, type OutboxFailure, type OutboxItem, type OutboxItemPatch, type OutboxStore } from './outbox-store.js';

/*
 * Delivers one endpoint's outbox: a lead is queued before its first attempt,
 * sent under a lock shared by all tabs, retried with backoff after retryable
 * failures and dropped after final ones. Every decision is re-made from
 * storage inside the lock, because another tab may have acted in between.
 * Before each request the item is claimed in storage (`heldBy`), so a tab
 * whose copy of storage lags, or that cannot take the lock (`pagehide`),
 * still leaves it alone.
 *
 * One lead per submission, as far as Keen allows: Keen takes no idempotency
 * key, so a request whose answer is lost (dropped connection, timeout, a page
 * that closes mid-request or after its `pagehide` attempt) is retried and may
 * create the lead twice. The outbox chooses a possible duplicate over a lost lead.
 *
 * Delivered means Keen said so. The tab that gets Keen's final answer writes
 * a receipt before it removes the item. Each tab keeps its own copy of what it
 * queued or attempted: an item that left storage with no receipt (site code
 * cleared storage or overwrote the key, or a concurrent write of another tab
 * dropped it) was not delivered, so it is put back; an item storage refuses
 * to hold is sent from that copy while the page lives.
 *
 * No attempt is ever aborted, not even by `stop()`: a request that was
 * aborted may still have reached Keen, and Keen has no idempotency key, so
 * aborting would trade a known outcome for a possible duplicate.
 */

/** Sends one validated lead; `submitLead` with the endpoint bound, in production. Must not reject. */
export type SendLead = (payload: ValidatedLeadPayload, options: { readonly keepalive: boolean }) => Promise<SubmitResult>;

/**
 * How long a courier's claim on an item lasts (see `OutboxItem.heldBy`):
 * covers one attempt with the client's 15 s timeout, or the wait for the lock
 * right after queuing. A claim left by a closed tab simply runs out.
 */
export const HOLD_MS = 30_000;
/** When another tab holds the lock it is delivering; look again after this long. */
export const LOCK_BUSY_RECHECK_MS = 5_000;
/** Fetch refuses keepalive requests once a page's in-flight keepalive bodies pass 64 KiB. */
export const KEEPALIVE_BODY_LIMIT_BYTES = 64 * 1024;
/** Browsers fire longer timeouts immediately. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** What another tab's receipt can tell of a refusal; Keen's own words stay with the tab that got them. */
const REFUSED_ELSEWHERE = 'Refused by Keen in another tab';

export type DeliveryOutcome =
  | {
      readonly type: 'delivered';
      readonly submissionId: string;
      readonly attempts: number;
      /** What Keen stored; absent when another tab got the answer (and wrote the receipt). */
      readonly lead: KeenLead | undefined;
    }
  | {
      readonly type: 'queued';
      readonly submissionId: string;
      readonly attempts: number;
      readonly nextAttemptAt: number;
      readonly failure: OutboxFailure;
      /** Whether storage holds it; if not, it is sent from this page's memory and lost when the page closes. */
      readonly persisted: boolean;
    }
  | { readonly type: 'rejected'; readonly submissionId: string; readonly attempts: number; readonly failure: OutboxFailure }
  /** Neither in the outbox nor held by this tab: another tab settled it. */
  | { readonly type: 'gone'; readonly submissionId: string }
  /** Not attempted now: it is being sent elsewhere, or Keen's `Retry-After` has not passed. */
  | {
      readonly type: 'deferred';
      readonly submissionId: string;
      readonly reason: 'in-flight' | 'retry-after' | 'lock-busy';
      readonly until?: number;
    };

/** What this courier did; the element turns these into `keen-queued` / `keen-delivered` events. */
export type CourierEvent = Extract<DeliveryOutcome, { readonly type: 'delivered' | 'queued' | 'rejected' }>;

export interface FlushResult {
  /** Another tab (or call) holds the lock and is delivering; a check is scheduled. */
  readonly lockBusy: boolean;
  readonly outcomes: readonly DeliveryOutcome[];
}

/** A window, or a stand-in in tests. */
export interface CourierTarget extends Pick<EventTarget, 'addEventListener' | 'removeEventListener'> {
  readonly document?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & {
    readonly visibilityState: DocumentVisibilityState;
  };
}

/** A queued lead; `persisted: false` when storage refused it and it lives in this page only. */
export type EnqueueResult =
  | { readonly ok: true; readonly item: OutboxItem; readonly persisted: boolean }
  | { readonly ok: false; readonly reason: 'full'; readonly message: string };

export interface OutboxCourierOptions {
  readonly store: OutboxStore;
  /** The same endpoint's receipts, in the same storage. */
  readonly receipts: DeliveryReceipts;
  readonly send: SendLead;
  readonly lock: DeliveryLock;
  readonly clock?: Clock;
  /** For the backoff's jitter. */
  readonly random?: () => number;
  /** Re-validate payloads as relay payloads (no channel id). */
  readonly forRelay?: boolean;
  /** How long a claim on an item lasts; at least one attempt's timeout. Defaults to {@link HOLD_MS}. */
  readonly holdMs?: number;
  /** Identifies this courier's claims on items; random by default. */
  readonly ownerId?: string;
}

export class OutboxCourier {
  readonly store: OutboxStore;
  readonly ownerId: string;
  private readonly receipts: DeliveryReceipts;
  private readonly send: SendLead;
  private readonly lock: DeliveryLock;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly forRelay: boolean;
  private readonly holdMs: number;
  private readonly listeners = new Set<(event: CourierEvent) => void>();
  /** Ids a `deliver()` call of this courier will attempt: other paths here leave them to it. */
  private readonly reserved = new Set<string>();
  /** Ids with a request in flight from this tab. */
  private readonly sending = new Set<string>();
  /** Ids settled here whose removal storage refused: never sent again from this tab. */
  private readonly settled = new Set<string>();
  /**
   * This tab's copy of every item it queued (`own`: its visitors' leads) or
   * attempted, as it last wrote or read it, until Keen settles it (here, or
   * in another tab per its receipt). Storage is the shared truth; this copy
   * is what puts back an item storage lost and what sends one it refused.
   */
  private readonly held = new Map<string, { readonly item: OutboxItem; readonly own: boolean }>();
  private readonly work = new Set<Promise<unknown>>();
  private target: CourierTarget | undefined;
  private cancelTimer: (() => void) | undefined;

  constructor({ store, receipts, send, lock, clock = systemClock, random = Math.random, forRelay = false, ownerId, holdMs = HOLD_MS }: OutboxCourierOptions) {
    // A claim that is NaN or ends at once would make every item unreadable or unclaimed.
    this.holdMs = holdMs > 0 && holdMs <= MAX_TIMER_MS ? holdMs : HOLD_MS;
    this.store = store;
    this.receipts = receipts;
    this.send = send;
    this.lock = lock;
    this.clock = clock;
    this.random = random;
    this.forRelay = forRelay;
    this.ownerId = ownerId ?? createSubmissionId();
  }

  /**
   * Persists a validated lead before any attempt, so closing the tab during
   * the request cannot lose it. The item is claimed by this courier for
   * {@link HOLD_MS}, so other tabs leave it to the `deliver()` that follows.
   * A full outbox refuses the newest lead (`reason: 'full'`). Where storage
   * refuses to write, the lead is kept in this page (`persisted: false`) and
   * sent from there while the page lives.
   * `notBefore` (epoch ms) keeps every tab, flush and `pagehide` from sending
   * it earlier: the form's minimum time. The claim lasts until then and
   * {@link HOLD_MS} more, for the `deliver()` that waits it out.
   */
  enqueue(payload: ValidatedLeadPayload, submissionId: string, notBefore?: number): EnqueueResult {
    const now = this.clock.now();
    const due = Math.max(now, notBefore ?? now);
    const item: OutboxItem = {
      id: submissionId,
      endpoint: this.store.endpoint,
      payload,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: due,
      ...(due > now ? { notBefore: due } : {}),
      heldBy: this.ownerId,
      heldUntil: due + this.holdMs,
    };
    const added = this.store.add(item);
    if (!added.ok && added.reason === 'full') return added;
    if (!added.ok && this.list().length >= OUTBOX_MAX_ITEMS) {
      return { ok: false, reason: 'full', message: 'Too many unsent leads' };
    }
    const kept = added.ok ? added.item : item;
    this.held.set(submissionId, { item: kept, own: true });
    return { ok: true, item: kept, persisted: added.ok };
  }

  /**
   * What waits to be sent, oldest first: the shared outbox, plus what this
   * tab holds that storage lost or refused and no receipt settles.
   */
  list(): readonly OutboxItem[] {
    const stored = this.store.list().filter((item) => !this.settled.has(item.id));
    const ids = new Set(stored.map((item) => item.id));
    const lost = [...this.held.values()]
      .map(({ item }) => item)
      .filter((item) => !ids.has(item.id) && this.receipts.find(item.id) === undefined);
    return [...stored, ...lost];
  }

  /**
   * One attempt for an item this tab just queued: as soon as its `notBefore`
   * (the form's minimum time) has passed, waiting for the lock if another
   * tab holds it. The item is reserved meanwhile, so no flush or timer of
   * this tab sends it first.
   */
  deliver(submissionId: string): Promise<DeliveryOutcome> {
    this.reserved.add(submissionId);
    return this.track(async () => {
      try {
        // Nothing to wait for in the common case: no timer, no extra turn.
        const notBefore = this.held.get(submissionId)?.item.notBefore;
        if (notBefore !== undefined && notBefore > this.clock.now()) await sleepUntil(this.clock, notBefore);
        const result = await this.lock.run(
          this.store.key,
          () => {
            this.reconcile();
            return this.attempt(submissionId);
          },
          { wait: true },
        );
        return result.acquired ? result.value : { type: 'deferred', submissionId, reason: 'lock-busy' };
      } finally {
        this.reserved.delete(submissionId);
        this.scheduleCheck();
      }
    });
  }

  /**
   * Attempts every item now, due or not (for `online`, a tab becoming
   * visible, page load, and site developers), except those another tab is
   * sending and those whose `Retry-After` has not passed. Never waits for
   * the lock: if another tab holds it, that tab is delivering.
   */
  flush(): Promise<FlushResult> {
    return this.track(() => this.attemptAll(() => true));
  }

  /**
   * Listens to `online`, `visibilitychange`, `pageshow` (back from the
   * back/forward cache) and `pagehide`, keeps a timer for the next due item,
   * and flushes once, as a page load should.
   */
  start(target: CourierTarget): void {
    if (this.target !== undefined) return;
    this.target = target;
    target.addEventListener('online', this.onOnline);
    target.addEventListener('pageshow', this.onPageShow);
    target.addEventListener('pagehide', this.onPageHide);
    target.document?.addEventListener('visibilitychange', this.onVisibilityChange);
    void this.flush();
  }

  /**
   * Stops listening and clears the timer. Attempts in flight run to the end
   * and record their outcome; the returned promise settles when they have.
   */
  stop(): Promise<void> {
    const target = this.target;
    if (target !== undefined) {
      target.removeEventListener('online', this.onOnline);
      target.removeEventListener('pageshow', this.onPageShow);
      target.removeEventListener('pagehide', this.onPageHide);
      target.document?.removeEventListener('visibilitychange', this.onVisibilityChange);
      this.target = undefined;
    }
    this.clearTimer();
    return this.whenIdle();
  }

  /** Settles when no attempt of this courier is in flight. */
  async whenIdle(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }

  /** Outcomes of attempts made by this courier (not `gone` or `deferred`). Returns an unsubscribe function. */
  subscribe(listener: (event: CourierEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private readonly onOnline = (): void => void this.flush();

  private readonly onVisibilityChange = (): void => {
    if (this.target?.document?.visibilityState === 'visible') void this.flush();
  };

  private readonly onPageShow = (event: Event): void => {
    // The first pageshow of a page is its load, which start() already flushed for.
    if ('persisted' in event && event.persisted === true) void this.flush();
  };

  /**
   * One last attempt per unsent item with `keepalive`, so it can outlive the
   * page. No lock: its callback would run after the page is gone. Items sent
   * elsewhere right now are skipped by their claim, and the claim written
   * here keeps the next page from sending the same item while this request
   * may still be in flight. Its outcome is recorded only if the page lives on
   * (back/forward cache); otherwise the item stays queued and is sent again
   * later, which duplicates the lead if this attempt did reach Keen: the
   * price of never losing one.
   */
  private readonly onPageHide = (): void => {
    let budget = KEEPALIVE_BODY_LIMIT_BYTES;
    const encoder = new TextEncoder();
    for (const item of this.list()) {
      const bytes = encoder.encode(JSON.stringify(item.payload)).length;
      if (bytes > budget) continue;
      const started = this.startAttempt(item.id);
      if ('outcome' in started) continue;
      budget -= bytes;
      void this.track(async () => this.finishAttempt(item.id, started.attempts, await this.sendSafely(started.payload, true)));
    }
  };

  private async attemptAll(include: (item: OutboxItem) => boolean): Promise<FlushResult> {
    const result = await this.lock.run(
      this.store.key,
      async () => {
        const outcomes = this.reconcile();
        for (const item of this.list()) {
          if (!include(item)) continue;
          outcomes.push(
            this.reserved.has(item.id) ? { type: 'deferred', submissionId: item.id, reason: 'in-flight' } : await this.attempt(item.id),
          );
        }
        return outcomes;
      },
      { wait: false },
    );
    this.scheduleCheck(result.acquired ? 0 : LOCK_BUSY_RECHECK_MS);
    return result.acquired ? { lockBusy: false, outcomes: result.value } : { lockBusy: true, outcomes: [] };
  }

  /**
   * Under the lock: what this tab holds and storage no longer does is put
   * back, unless a receipt says another tab settled it; then that outcome
   * is reported (for a `deliver()` in progress, by the attempt instead).
   * Items in flight here are left to their attempt.
   */
  private reconcile(): DeliveryOutcome[] {
    const stored = new Set(this.store.list().map((item) => item.id));
    const outcomes: DeliveryOutcome[] = [];
    for (const { item } of [...this.held.values()]) {
      if (stored.has(item.id) || this.sending.has(item.id)) continue;
      const receipt = this.receipts.find(item.id);
      if (receipt === undefined) this.store.add(item);
      else if (!this.reserved.has(item.id)) outcomes.push(this.settledElsewhere(receipt));
    }
    return outcomes;
  }

  /** One attempt; the caller holds the lock. */
  private async attempt(submissionId: string): Promise<DeliveryOutcome> {
    const started = this.startAttempt(submissionId);
    if ('outcome' in started) return started.outcome;
    return this.finishAttempt(submissionId, started.attempts, await this.sendSafely(started.payload, false));
  }

  /**
   * Re-reads the item and, if it is this tab's to send, counts the attempt
   * and claims the item in storage before the request starts, so a tab that
   * dies mid-request still leaves a truthful record.
   */
  private startAttempt(
    submissionId: string,
  ): { readonly outcome: DeliveryOutcome } | { readonly payload: ValidatedLeadPayload; readonly attempts: number } {
    if (this.sending.has(submissionId)) return { outcome: { type: 'deferred', submissionId, reason: 'in-flight' } };
    const item = this.settled.has(submissionId) ? undefined : this.list().find((queued) => queued.id === submissionId);
    const receipt = this.receipts.find(submissionId);
    if (item === undefined) {
      return { outcome: receipt === undefined ? { type: 'gone', submissionId } : this.settledElsewhere(receipt) };
    }
    if (receipt !== undefined) {
      // Settled by another tab, yet listed: a write from a stale copy of
      // storage (one made without the lock, like queuing) put it back. Keen
      // has answered for it: never sent again.
      this.store.remove(submissionId);
      return { outcome: this.settledElsewhere(receipt) };
    }
    const now = this.clock.now();
    if (this.isHeldElsewhere(item, now)) {
      return { outcome: { type: 'deferred', submissionId, reason: 'in-flight', until: item.heldUntil } };
    }
    if (item.notBefore !== undefined && item.notBefore > now) {
      return { outcome: { type: 'deferred', submissionId, reason: 'retry-after', until: item.notBefore } };
    }
    const parsed = parseLeadPayload(item.payload, { forRelay: this.forRelay });
    if (!parsed.ok) {
      // It can never be sent, but it may hold a visitor's lead: set aside, not deleted.
      const failure: OutboxFailure = { kind: 'invalid-payload', message: parsed.problems.join('; ') };
      const setAside = this.store.setAside(submissionId, failure.message);
      if (!setAside.ok && setAside.reason === 'storage') this.settled.add(submissionId);
      return { outcome: this.settle({ type: 'rejected', submissionId, attempts: item.attempts, failure }) };
    }
    const attempts = item.attempts + 1;
    // Best effort: if storage refuses, the lock still keeps other tabs out.
    this.keep(item, { attempts, heldBy: this.ownerId, heldUntil: now + this.holdMs });
    this.sending.add(submissionId);
    return { payload: parsed.payload, attempts };
  }

  private finishAttempt(submissionId: string, attempts: number, result: SubmitResult): DeliveryOutcome {
    this.sending.delete(submissionId);
    if (result.ok) return this.settle({ type: 'delivered', submissionId, attempts, lead: result.lead });
    const failure = describeFailure(result);
    if (!result.retryable) return this.settle({ type: 'rejected', submissionId, attempts, failure });
    const now = this.clock.now();
    const { retryAfterMs } = result;
    const nextAttemptAt = now + retryDelayMs(attempts - 1, { random: this.random, retryAfterMs });
    const held = this.held.get(submissionId);
    // startAttempt() took a copy; only a stop-and-forget in between could have dropped it.
    const persisted =
      held !== undefined &&
      this.keep(held.item, {
        nextAttemptAt,
        notBefore: retryAfterMs === undefined ? undefined : now + Math.min(retryAfterMs, RETRY_AFTER_CEILING_MS),
        lastFailure: failure,
        heldBy: undefined,
        heldUntil: undefined,
      });
    return this.publish({ type: 'queued', submissionId, attempts, nextAttemptAt, failure, persisted });
  }

  /**
   * Records a change to an item in storage and in this tab's copy. An item
   * storage lost is put back; one it refuses lives on in the copy. Returns
   * whether storage holds the item now.
   */
  private keep(item: OutboxItem, patch: OutboxItemPatch): boolean {
    const own = this.held.get(item.id)?.own ?? false;
    const updated = this.store.update(item.id, patch);
    this.held.set(item.id, { item: updated.ok ? updated.item : patchItem(item, patch), own });
    if (updated.ok) return true;
    if (updated.reason === 'missing') this.store.add(patchItem(item, patch));
    return this.store.get(item.id) !== undefined;
  }

  /**
   * Keen answered for good: the receipt first (so a tab holding a copy sees
   * it settled, not lost), then out of the outbox and out of this tab's copy.
   */
  private settle<E extends Extract<CourierEvent, { readonly type: 'delivered' | 'rejected' }>>(outcome: E): E {
    const { submissionId: id, attempts } = outcome;
    const at = this.clock.now();
    this.receipts.record(
      outcome.type === 'delivered'
        ? { id, outcome: 'delivered', at, attempts }
        : { id, outcome: 'rejected', at, attempts, failure: withoutMessage(outcome.failure) },
    );
    this.held.delete(id);
    if (!this.store.remove(id).ok) this.settled.add(id);
    return this.publish(outcome);
  }

  /** An item another tab settled, per its receipt: reported here only if this page's visitor sent it. */
  private settledElsewhere(receipt: DeliveryReceipt): DeliveryOutcome {
    const { id: submissionId, attempts } = receipt;
    const own = this.held.get(submissionId)?.own === true;
    this.held.delete(submissionId);
    if (!own) return { type: 'gone', submissionId };
    return this.publish(
      receipt.outcome === 'delivered'
        ? { type: 'delivered', submissionId, attempts, lead: undefined }
        : { type: 'rejected', submissionId, attempts, failure: { kind: 'http', ...receipt.failure, message: REFUSED_ELSEWHERE } },
    );
  }

  private isHeldElsewhere(item: OutboxItem, now: number): boolean {
    return item.heldBy !== undefined && item.heldBy !== this.ownerId && (item.heldUntil ?? 0) > now;
  }

  private async sendSafely(payload: ValidatedLeadPayload, keepalive: boolean): Promise<SubmitResult> {
    try {
      return await this.send(payload, { keepalive });
    } catch (error) {
      // The send contract says it never rejects; if it does anyway, treat it like a network error.
      return { ok: false, kind: 'network', message: error instanceof Error ? error.message : String(error), retryable: true };
    }
  }

  /** Keeps one timer, for the earliest item this tab may attempt; only while started. */
  private scheduleCheck(minDelayMs = 0): void {
    this.clearTimer();
    if (this.target === undefined) return;
    const now = this.clock.now();
    const listed = this.list();
    const waiting = listed.filter((item) => !this.reserved.has(item.id) && !this.sending.has(item.id));
    // A copy this tab holds that is no longer listed was settled by another tab: tell its visitor now.
    const settledElsewhere = [...this.held.keys()].some((id) => !this.reserved.has(id) && !listed.some((item) => item.id === id));
    if (waiting.length === 0 && !settledElsewhere) return;
    const earliest = settledElsewhere ? now : Math.min(...waiting.map((item) => this.dueAt(item)));
    const delay = Math.min(MAX_TIMER_MS, Math.max(minDelayMs, earliest - now));
    this.cancelTimer = this.clock.schedule(() => {
      this.cancelTimer = undefined;
      void this.track(() => this.attemptAll((item) => this.dueAt(item) <= this.clock.now()));
    }, delay);
  }

  /** When this tab may next attempt the item; its own copy counts where storage refused the latest backoff. */
  private dueAt(item: OutboxItem): number {
    const claimEnds = item.heldBy !== undefined && item.heldBy !== this.ownerId ? (item.heldUntil ?? 0) : 0;
    const ownBackoff = this.held.get(item.id)?.item.nextAttemptAt ?? 0;
    return Math.max(item.nextAttemptAt, item.notBefore ?? 0, ownBackoff, claimEnds);
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private publish<E extends CourierEvent>(event: E): E {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A listener's bug is reported, as an EventTarget would, without stopping the delivery.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    return event;
  }

  private track<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.work.add(promise);
    const done = () => void this.work.delete(promise);
    promise.then(done, done);
    return promise;
  }
}

function withoutMessage({ kind, status }: OutboxFailure): Omit<OutboxFailure, 'message'> {
  return status === undefined ? { kind } : { kind, status };
}

function describeFailure(result: SubmitFailure): OutboxFailure {
  const described = result.status === undefined
    ? { kind: result.kind, message: result.message }
    : { kind: result.kind, status: result.status, message: result.message };
  return result.refused === undefined ? described : { ...described, refused: result.refused };
}
