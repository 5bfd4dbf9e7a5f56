import type { KeenLead, SubmitFailure, SubmitResult } from '../api/submit-lead.js';
import { parseLeadPayload, type ValidatedLeadPayload } from '../schema/lead-payload.js';
import { RETRY_AFTER_CEILING_MS, retryDelayMs } from './backoff.js';
import type { DeliveryLock } from './delivery-lock.js';
import type { AddResult, NewOutboxItem, OutboxFailure, OutboxItem, OutboxStore } from './outbox-store.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createSubmissionId } from '../shared/submission-id.js';

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

export type DeliveryOutcome =
  | { readonly type: 'delivered'; readonly submissionId: string; readonly attempts: number; readonly lead: KeenLead }
  | {
      readonly type: 'queued';
      readonly submissionId: string;
      readonly attempts: number;
      readonly nextAttemptAt: number;
      readonly failure: OutboxFailure;
    }
  | { readonly type: 'rejected'; readonly submissionId: string; readonly attempts: number; readonly failure: OutboxFailure }
  /** No longer in the outbox: another tab delivered or rejected it. */
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

export interface OutboxCourierOptions {
  readonly store: OutboxStore;
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
  /** Retry times computed here, for when storage refused to record them. */
  private readonly retryAt = new Map<string, number>();
  /** Items queued here and not yet attempted (see {@link restoreIfLost}). */
  private readonly fresh = new Map<string, NewOutboxItem>();
  private readonly work = new Set<Promise<unknown>>();
  private target: CourierTarget | undefined;
  private cancelTimer: (() => void) | undefined;

  constructor({ store, send, lock, clock = systemClock, random = Math.random, forRelay = false, ownerId, holdMs = HOLD_MS }: OutboxCourierOptions) {
    this.holdMs = holdMs;
    this.store = store;
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
   * A full outbox refuses the newest lead (`reason: 'full'`).
   */
  enqueue(payload: ValidatedLeadPayload, submissionId: string): AddResult {
    const now = this.clock.now();
    const item: NewOutboxItem = {
      id: submissionId,
      payload,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      heldBy: this.ownerId,
      heldUntil: now + this.holdMs,
    };
    const result = this.store.add(item);
    if (result.ok) this.fresh.set(submissionId, item);
    return result;
  }

  /** One attempt now for a queued item, waiting for the lock if another tab holds it. */
  deliver(submissionId: string): Promise<DeliveryOutcome> {
    this.reserved.add(submissionId);
    return this.track(async () => {
      try {
        const result = await this.lock.run(
          this.store.key,
          () => {
            this.restoreIfLost(submissionId);
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
    for (const item of this.store.list()) {
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
        const outcomes: DeliveryOutcome[] = [];
        for (const item of this.store.list()) {
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
    const item = this.settled.has(submissionId) ? undefined : this.store.get(submissionId);
    if (item === undefined) return { outcome: { type: 'gone', submissionId } };
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
      if (!this.store.setAside(submissionId, failure.message).ok) this.settled.add(submissionId);
      this.fresh.delete(submissionId);
      return { outcome: this.publish({ type: 'rejected', submissionId, attempts: item.attempts, failure }) };
    }
    const attempts = item.attempts + 1;
    // Best effort: if storage refuses, the lock still keeps other tabs out.
    this.store.update(submissionId, { attempts, heldBy: this.ownerId, heldUntil: now + this.holdMs });
    this.fresh.delete(submissionId);
    this.sending.add(submissionId);
    return { payload: parsed.payload, attempts };
  }

  private finishAttempt(submissionId: string, attempts: number, result: SubmitResult): DeliveryOutcome {
    this.sending.delete(submissionId);
    this.retryAt.delete(submissionId);
    if (result.ok) {
      this.removeSettled(submissionId);
      return this.publish({ type: 'delivered', submissionId, attempts, lead: result.lead });
    }
    const failure = describeFailure(result);
    if (!result.retryable) {
      this.removeSettled(submissionId);
      return this.publish({ type: 'rejected', submissionId, attempts, failure });
    }
    const now = this.clock.now();
    const { retryAfterMs } = result;
    const nextAttemptAt = now + retryDelayMs(attempts - 1, { random: this.random, retryAfterMs });
    const updated = this.store.update(submissionId, {
      nextAttemptAt,
      notBefore: retryAfterMs === undefined ? undefined : now + Math.min(retryAfterMs, RETRY_AFTER_CEILING_MS),
      lastFailure: failure,
      heldBy: undefined,
      heldUntil: undefined,
    });
    if (!updated.ok && updated.reason === 'missing') return { type: 'gone', submissionId };
    if (!updated.ok) this.retryAt.set(submissionId, nextAttemptAt);
    return this.publish({ type: 'queued', submissionId, attempts, nextAttemptAt, failure });
  }

  private removeSettled(submissionId: string): void {
    if (!this.store.remove(submissionId).ok) this.settled.add(submissionId);
  }

  /**
   * localStorage has no transactions: another tab that rewrote the list at
   * the very moment this one queued an item can drop it. While our claim
   * stands no other tab may have sent it, so if it is missing, it was lost
   * that way: put it back.
   */
  private restoreIfLost(submissionId: string): void {
    const item = this.fresh.get(submissionId);
    if (item === undefined || this.clock.now() >= (item.heldUntil ?? 0)) return;
    if (this.store.get(submissionId) === undefined) this.store.add(item);
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
    const waiting = this.store
      .list()
      .filter((item) => !this.reserved.has(item.id) && !this.sending.has(item.id) && !this.settled.has(item.id));
    if (waiting.length === 0) return;
    const earliest = Math.min(...waiting.map((item) => this.dueAt(item)));
    const delay = Math.min(MAX_TIMER_MS, Math.max(minDelayMs, earliest - now));
    this.cancelTimer = this.clock.schedule(() => {
      this.cancelTimer = undefined;
      void this.track(() => this.attemptAll((item) => this.dueAt(item) <= this.clock.now()));
    }, delay);
  }

  private dueAt(item: OutboxItem): number {
    const claimEnds = item.heldBy !== undefined && item.heldBy !== this.ownerId ? (item.heldUntil ?? 0) : 0;
    return Math.max(item.nextAttemptAt, item.notBefore ?? 0, this.retryAt.get(item.id) ?? 0, claimEnds);
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

function describeFailure(result: SubmitFailure): OutboxFailure {
  return result.status === undefined
    ? { kind: result.kind, message: result.message }
    : { kind: result.kind, status: result.status, message: result.message };
}
