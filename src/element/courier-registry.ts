import { createProofOfWorkSource, type ProofOfWorkSource } from '../spam/relay-verification.js';
import { sendVerified } from './challenge-send.js';
import type { CaptchaToken } from './challenge-captcha.js';
import { createDeliveryLock } from '../outbox/delivery-lock.js';
import { DeliveryReceipts } from '../outbox/delivery-receipts.js';
import { OutboxCourier } from '../outbox/outbox-courier.js';
import { OutboxStore } from '../outbox/outbox-store.js';
import { afterFirstPaint } from '../shared/after-first-paint.js';
import { browserLocalStorage, createMemoryStorage } from '../shared/storage.js';
import { KeenDeliveredEvent, KeenQueuedEvent } from './events.js';

interface Entry {
  readonly courier: OutboxCourier;
  users: number;
  /** The latest timeout asked for by a form that posts here. */
  timeoutMs: number;
  /** Set once a form posting here asks for proof of work; every lead of this relay then carries a solution. */
  proofOfWork: ProofOfWorkSource | undefined;
  /** Set once a form posting here asks for a captcha: each lead then needs the token its visitor solved. */
  captcha: boolean;
  /** The token of the lead being sent now; used once. */
  captchaToken: CaptchaToken | undefined;
}

/*
 * One courier per endpoint per page, shared by every form that posts there:
 * one timer, one set of listeners, one claim per item. It starts with the
 * first form (which also delivers what earlier visits left queued) and stops
 * with the last, unless leads still wait in its outbox.
 */
const couriers = new Map<string, Entry>();

const CLAIM_MARGIN_MS = 5_000;

export function acquireCourier(endpoint: string, timeoutMs: number, forRelay: boolean, proofOfWork = false, captcha = false): OutboxCourier {
  const existing = couriers.get(endpoint);
  if (existing !== undefined) {
    existing.users += 1;
    existing.timeoutMs = timeoutMs;
    if (proofOfWork) existing.proofOfWork ??= createProofOfWorkSource(endpoint);
    if (captcha) existing.captcha = true;
    return existing.courier;
  }
  // Private browsing or a blocked storage: the outbox still works, for this page's life.
  const storage = browserLocalStorage() ?? createMemoryStorage();
  const entry: Entry = {
    users: 1,
    timeoutMs,
    proofOfWork: proofOfWork ? createProofOfWorkSource(endpoint) : undefined,
    captcha,
    captchaToken: undefined,
    courier: new OutboxCourier({
      store: new OutboxStore({ storage, endpoint }),
      receipts: new DeliveryReceipts({ storage, endpoint }),
      // Web Locks where the page is a secure context, a localStorage lease elsewhere.
      lock: createDeliveryLock({ storage }),
      send: (payload, { keepalive }) =>
        sendVerified(payload, {
          endpoint,
          keepalive,
          timeoutMs: entry.timeoutMs,
          relay: forRelay,
          proofOfWork: entry.proofOfWork,
          captcha: entry.captcha ? () => takeCaptchaToken(entry) : undefined,
        }),
      forRelay,
      // A claim must outlast one attempt (the client gives up at the timeout).
      holdMs: timeoutMs + CLAIM_MARGIN_MS,
    }),
  };
  couriers.set(endpoint, entry);
  // With no form left to fire them (see releaseCourier), the events go to the
  // document, where site scripts listen anyway.
  entry.courier.subscribe((event) => {
    if (entry.users > 0) return;
    if (event.type === 'delivered') document.dispatchEvent(new KeenDeliveredEvent(event));
    else if (event.type === 'queued') document.dispatchEvent(new KeenQueuedEvent(event));
  });
  // Delivering what earlier visits left is not needed for the first paint: it
  // starts right after it. A send before then does not wait for it.
  afterFirstPaint(() => {
    if (couriers.get(endpoint) === entry) entry.courier.start(window);
  });
  return entry.courier;
}

/** The endpoint's proof of work, if a form asked for it: to start solving early, and for a direct send. */
export function proofOfWorkFor(endpoint: string): ProofOfWorkSource | undefined {
  return couriers.get(endpoint)?.proofOfWork;
}

function takeCaptchaToken(entry: Entry): CaptchaToken | undefined {
  const token = entry.captchaToken;
  entry.captchaToken = undefined;
  return token;
}

/** Hands the courier the token for the lead about to be sent (tokens are single-use, so never kept past one attempt). */
export function offerCaptchaToken(endpoint: string, token: CaptchaToken): void {
  const entry = couriers.get(endpoint);
  if (entry !== undefined) entry.captchaToken = token;
}

export function setCourierTimeout(endpoint: string, timeoutMs: number): void {
  const entry = couriers.get(endpoint);
  if (entry !== undefined) entry.timeoutMs = timeoutMs;
}

export function releaseCourier(endpoint: string, courier: OutboxCourier): void {
  const entry = couriers.get(endpoint);
  // After resetCouriers() the entry may be another courier's.
  if (entry?.courier !== courier) return;
  entry.users -= 1;
  // A single-page app may unmount its last form while a lead still waits:
  // keep delivering for the page's life rather than until the next form.
  if (entry.users > 0 || entry.courier.list().length > 0) return;
  couriers.delete(endpoint);
  // Attempts in flight finish and record their outcome; nothing is aborted.
  void entry.courier.stop();
}

/**
 * Stops every courier of the page and forgets it; resolves once their
 * attempts in flight have ended. Storage is left alone: what waits there is
 * delivered by the next courier (the next form, or the next page).
 */
export async function resetCouriers(): Promise<void> {
  const entries = [...couriers.values()];
  couriers.clear();
  await Promise.all(entries.map((entry) => entry.courier.stop()));
}
