import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KeenLead, SubmitFailure } from '../api/submit-lead.js';
import type { CourierEvent, OutboxCourier } from '../outbox/outbox-courier.js';
import type { OutboxFailure, OutboxItem } from '../outbox/outbox-store.js';
import type { ValidatedLeadPayload } from '../schema/lead-payload.js';
import { sleepUntil, systemClock } from '../shared/clock.js';
import { sendVerified } from './challenge-send.js';
import { acquireCourier, offerCaptchaToken, proofOfWorkFor, releaseCourier, setCourierTimeout } from './courier-registry.js';
import type { CaptchaToken } from './challenge-captcha.js';

export type DeliveryPhase = 'idle' | 'sending' | 'queued' | 'delivered' | 'failed';

/** How one send ended, as the element shows it. */
export type SendOutcome =
  | { readonly type: 'delivered'; readonly submissionId: string; readonly attempts: number; readonly lead: KeenLead | undefined }
  | {
      readonly type: 'queued';
      readonly submissionId: string;
      readonly attempts: number;
      readonly failure: OutboxFailure;
      /** False when storage refused it: it is sent from this page and lost if the visitor leaves. */
      readonly persisted: boolean;
    }
  | { readonly type: 'rejected'; readonly submissionId: string; readonly failure: SubmitFailure }
  /** The outbox is full and a direct attempt failed too: nothing was kept. */
  | { readonly type: 'unsaved'; readonly submissionId: string; readonly failure: SubmitFailure };

export interface DeliveryTarget {
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly forRelay: boolean;
  /** The relay asks for a proof-of-work solution with each lead. */
  readonly proofOfWork: boolean;
  /** The relay asks for a captcha token with each lead. */
  readonly captcha: boolean;
}

export interface DeliveryListener {
  /** Any outbox item this page delivered or re-queued, including ones left by earlier visits. */
  courierEvent(event: CourierEvent, ownSubmission: boolean): void;
}

/** Turns an outbox failure back into the client's shape for `keen-error`. */
export function asSubmitFailure(failure: OutboxFailure): SubmitFailure {
  const result = {
    ok: false as const,
    kind: failure.kind === 'invalid-payload' ? ('http' as const) : failure.kind,
    message: failure.message,
    retryable: false,
  };
  const withStatus = failure.status === undefined ? result : { ...result, status: failure.status };
  return failure.refused === undefined ? withStatus : { ...withStatus, refused: failure.refused };
}

/**
 * Sends the visitor's lead through the endpoint's outbox: persisted first,
 * then attempted; a retryable failure leaves it queued for the courier,
 * which keeps trying after this element (or page) is gone.
 */
export class LeadDeliveryController implements ReactiveController {
  phase: DeliveryPhase = 'idle';
  /** The visitor's submission being sent or waiting in the outbox. */
  currentSubmission: string | undefined;
  /** Whether the visitor's queued lead is in storage (false: only in this page, which must stay open). */
  persisted = true;
  private courier: OutboxCourier | undefined;
  /** The endpoint `courier` belongs to (the target may have moved on). */
  private courierEndpoint: string | undefined;
  private target: DeliveryTarget | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly listener: DeliveryListener,
  ) {
    host.addController(this);
  }

  /** Binds to the courier of the endpoint in force; called whenever the settings change. */
  bind(target: DeliveryTarget): void {
    const same =
      this.target !== undefined &&
      this.target.endpoint === target.endpoint &&
      this.target.forRelay === target.forRelay &&
      this.target.proofOfWork === target.proofOfWork &&
      this.target.captcha === target.captcha;
    this.target = target;
    if (same && this.courier !== undefined) {
      setCourierTimeout(target.endpoint, target.timeoutMs);
      return;
    }
    this.release();
    if (this.connected) this.acquire();
  }

  hostConnected(): void {
    this.connected = true;
    if (this.target !== undefined && this.courier === undefined) this.acquire();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.release();
  }

  /** What is waiting in this endpoint's outbox (every form and tab that posts there). */
  get outbox(): readonly OutboxItem[] {
    return this.courier?.list() ?? [];
  }

  /** Starts the spam check's work (fetching and solving a challenge) while the visitor types, so the send does not wait for it. */
  prepareVerification(): void {
    if (this.target?.proofOfWork === true) proofOfWorkFor(this.target.endpoint)?.prepare();
  }

  /** Tries every queued item now. */
  /**
   * A captcha lead waiting in the outbox: its token was used by the attempt
   * that failed, so it can only go out with the fresh one the visitor just
   * gave. Offered for the next attempt, which starts now.
   */
  async retryWithCaptcha(token: CaptchaToken): Promise<void> {
    const target = this.target;
    if (target === undefined) return;
    offerCaptchaToken(target.endpoint, token);
    await this.courier?.flush();
  }

  async flush(): Promise<void> {
    await this.courier?.flush();
  }

  /**
   * Queues the lead at once and sends it; `notBefore` (epoch ms, from the
   * form's minimum time) holds the request back until then, never the queuing;
   * `captcha` is the visitor's token, for this one send.
   */
  async send(payload: ValidatedLeadPayload, submissionId: string, notBefore?: number, captcha?: CaptchaToken): Promise<SendOutcome> {
    const courier = this.courier;
    const target = this.target;
    if (courier === undefined || target === undefined) throw new Error('keen-lead-form: not connected');
    this.currentSubmission = submissionId;
    this.setPhase('sending');
    if (captcha !== undefined) offerCaptchaToken(target.endpoint, captcha);

    const queued = courier.enqueue(payload, submissionId, notBefore);
    if (!queued.ok) {
      // No room: one direct attempt, and the visitor keeps their input if it fails.
      if (notBefore !== undefined) await sleepUntil(systemClock, notBefore);
      const result = await sendVerified(payload, {
        endpoint: target.endpoint,
        timeoutMs: target.timeoutMs,
        relay: target.forRelay,
        proofOfWork: target.proofOfWork ? proofOfWorkFor(target.endpoint) : undefined,
        captcha: captcha === undefined ? undefined : () => captcha,
      });
      if (result.ok) return this.finish({ type: 'delivered', submissionId, attempts: 1, lead: result.lead });
      return this.finish({ type: result.retryable ? 'unsaved' : 'rejected', submissionId, failure: result });
    }

    const outcome = await courier.deliver(submissionId);
    switch (outcome.type) {
      case 'delivered':
        return this.finish({ type: 'delivered', submissionId, attempts: outcome.attempts, lead: outcome.lead });
      case 'gone':
        // The courier holds every lead it queued until Keen settles it, so this
        // cannot happen; were it to, it is not a success.
        return this.finish({
          type: 'rejected',
          submissionId,
          failure: { ok: false, kind: 'network', message: 'Lost from the outbox', retryable: false },
        });
      case 'rejected':
        return this.finish({ type: 'rejected', submissionId, failure: asSubmitFailure(outcome.failure) });
      case 'queued':
        return this.finish({ type: 'queued', submissionId, attempts: outcome.attempts, failure: outcome.failure, persisted: outcome.persisted });
      case 'deferred':
        return this.finish({
          type: 'queued',
          submissionId,
          attempts: 0,
          failure: { kind: 'network', message: `Not attempted yet (${outcome.reason})` },
          persisted: queued.persisted,
        });
    }
  }

  /** Shows the thank-you for a send that was dropped (a bot's): nothing is queued or sent. */
  settleWithoutSending(): void {
    this.currentSubmission = undefined;
    this.setPhase('delivered');
  }

  /** Back to a fresh form. A queued lead stays in the outbox and is still delivered. */
  clear(): void {
    this.currentSubmission = undefined;
    this.setPhase('idle');
  }

  private finish(outcome: SendOutcome): SendOutcome {
    if (outcome.type === 'queued') this.persisted = outcome.persisted;
    this.setPhase(outcome.type === 'delivered' ? 'delivered' : outcome.type === 'queued' ? 'queued' : 'failed');
    if (outcome.type !== 'queued') this.currentSubmission = undefined;
    return outcome;
  }

  private setPhase(phase: DeliveryPhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }

  private acquire(): void {
    const target = this.target;
    if (target === undefined) return;
    this.courier = acquireCourier(target.endpoint, target.timeoutMs, target.forRelay, target.proofOfWork, target.captcha);
    this.courierEndpoint = target.endpoint;
    this.unsubscribe = this.courier.subscribe((event) => {
      // The send() in progress reports its own first attempt; this is for
      // later retries and for items from other forms or earlier visits.
      const own = event.submissionId === this.currentSubmission;
      if (own && this.phase === 'sending') return;
      if (own && event.type === 'delivered') this.finish({ ...event, lead: event.lead });
      if (own && event.type === 'queued' && event.persisted !== this.persisted) this.finish(event);
      if (own && event.type === 'rejected') this.finish({ type: 'rejected', submissionId: event.submissionId, failure: asSubmitFailure(event.failure) });
      this.listener.courierEvent(event, own);
    });
  }

  private release(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.courierEndpoint !== undefined && this.courier !== undefined) releaseCourier(this.courierEndpoint, this.courier);
    this.courier = undefined;
    this.courierEndpoint = undefined;
  }
}
