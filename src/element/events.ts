import type { KeenLead, SubmitFailure } from '../api/submit-lead.js';
import type { LeadReport } from '../attribution/generate-lead-event.js';
import type { OutboxFailure } from '../outbox/outbox-store.js';
import type { ValidatedLeadPayload } from '../schema/lead-payload.js';
import type { FieldErrorCode } from '../schema/validate-lead-form.js';

/*
 * One class per event, name and options fixed here. They bubble and are
 * composed because site scripts listen on `document`.
 */

/** Before a lead is sent; `preventDefault()` stops the send (e.g. to add consent checks). */
export class KeenSubmitEvent extends CustomEvent<ValidatedLeadPayload> {
  static readonly eventName = 'keen-submit';
  constructor(payload: ValidatedLeadPayload) {
    super(KeenSubmitEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail: payload });
  }
}

export interface KeenSuccessDetail {
  readonly lead: KeenLead;
}

/** Keen stored the lead. */
export class KeenSuccessEvent extends CustomEvent<KeenSuccessDetail> {
  static readonly eventName = 'keen-success';
  constructor(lead: KeenLead) {
    super(KeenSuccessEvent.eventName, { bubbles: true, composed: true, detail: { lead } });
  }
}

/** Sending failed; the detail is the client's failure, as data. */
export class KeenErrorEvent extends CustomEvent<SubmitFailure> {
  static readonly eventName = 'keen-error';
  constructor(failure: SubmitFailure) {
    super(KeenErrorEvent.eventName, { bubbles: true, composed: true, detail: failure });
  }
}

/** One field's problem, as the visitor sees it. */
export interface InvalidField {
  /** The standard field name, or `property:<definition id>`. */
  readonly field: string;
  readonly code: FieldErrorCode;
  /** The message shown next to the field, in the form's language. */
  readonly message: string;
}

export interface KeenInvalidDetail {
  readonly errors: readonly InvalidField[];
}

/**
 * A send was refused because fields are invalid. Unlike the native `invalid`
 * event (one per control, not bubbling) this fires once per attempt with all
 * errors, so it bubbles and is composed like the others: analytics on
 * `document` can count failed attempts without hearing every keystroke.
 */
export class KeenInvalidEvent extends CustomEvent<KeenInvalidDetail> {
  static readonly eventName = 'keen-invalid';
  constructor(errors: readonly InvalidField[]) {
    super(KeenInvalidEvent.eventName, { bubbles: true, composed: true, detail: { errors } });
  }
}

export interface KeenQueuedDetail {
  /** The submission's id (also sent as a property with `submission-id-property`). */
  readonly submissionId: string;
  /** Attempts made so far. */
  readonly attempts: number;
  /** Why the last attempt failed. */
  readonly failure: OutboxFailure;
  /** False when this browser refused to store the lead: it is retried only while the page stays open. */
  readonly persisted: boolean;
}

/** A send failed in a way worth retrying: the lead waits in the outbox and will be retried. */
export class KeenQueuedEvent extends CustomEvent<KeenQueuedDetail> {
  static readonly eventName = 'keen-queued';
  constructor(detail: KeenQueuedDetail) {
    super(KeenQueuedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

export interface KeenDeliveredDetail {
  readonly submissionId: string;
  /** Attempts it took, including the successful one. */
  readonly attempts: number;
  /** What Keen stored; absent when another tab delivered it. */
  readonly lead: KeenLead | undefined;
}

/** A lead from this page's outbox reached Keen: at once, after retries, or left by an earlier visit. */
export class KeenDeliveredEvent extends CustomEvent<KeenDeliveredDetail> {
  static readonly eventName = 'keen-delivered';
  constructor(detail: KeenDeliveredDetail) {
    super(KeenDeliveredEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

/**
 * A lead Keen stored, for analytics: fired once per lead, when it is
 * delivered (also later, or by the form of a later page view), never for a
 * failed one. Carries no personal data: form, submission and attribution.
 */
export class KeenConversionEvent extends CustomEvent<LeadReport> {
  static readonly eventName = 'keen-conversion';
  constructor(report: LeadReport) {
    super(KeenConversionEvent.eventName, { bubbles: true, composed: true, detail: report });
  }
}

export interface KeenSpamDetail {
  /** What gave the sender away: `honeypot`, the field no person can see or fill, was filled. */
  readonly reason: 'honeypot';
}

/**
 * A send was taken for a bot's and dropped: the sender saw the normal
 * thank-you, nothing was sent or queued. For counting spam; no personal data.
 */
export class KeenSpamEvent extends CustomEvent<KeenSpamDetail> {
  static readonly eventName = 'keen-spam';
  constructor(reason: KeenSpamDetail['reason']) {
    super(KeenSpamEvent.eventName, { bubbles: true, composed: true, detail: { reason } });
  }
}

/** The element's events by name: for `addEventListener` and for framework typings. */
export interface KeenLeadFormEvents {
  'keen-submit': KeenSubmitEvent;
  'keen-success': KeenSuccessEvent;
  'keen-error': KeenErrorEvent;
  'keen-invalid': KeenInvalidEvent;
  'keen-queued': KeenQueuedEvent;
  'keen-delivered': KeenDeliveredEvent;
  'keen-conversion': KeenConversionEvent;
  'keen-spam': KeenSpamEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges our events into the DOM's map
  interface HTMLElementEventMap extends KeenLeadFormEvents {}
}
