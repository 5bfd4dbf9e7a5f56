import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { submitLead, type SubmitOptions, type SubmitResult } from '../api/submit-lead.js';
import type { ValidatedLeadPayload } from '../schema/lead-payload.js';

export type SubmissionStatus = 'idle' | 'sending' | 'succeeded' | 'failed';

/**
 * Owns one send at a time: its status, and the promise of its result.
 * A send in flight is deliberately not aborted when the element leaves the
 * page (an SPA route change right after "Send"): the request still reaches
 * Keen, only the element no longer renders the outcome.
 */
export class LeadSubmissionController implements ReactiveController {
  status: SubmissionStatus = 'idle';
  lastResult: SubmitResult | undefined;
  private inFlight: Promise<SubmitResult> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get isSending(): boolean {
    return this.inFlight !== undefined;
  }

  /** Sends a lead unless one is already on its way; then returns that one's promise. */
  send(payload: ValidatedLeadPayload, options: SubmitOptions): Promise<SubmitResult> {
    if (this.inFlight !== undefined) return this.inFlight;
    this.status = 'sending';
    this.host.requestUpdate();
    const attempt = submitLead(payload, options).then((result) => {
      this.inFlight = undefined;
      this.lastResult = result;
      this.status = result.ok ? 'succeeded' : 'failed';
      this.host.requestUpdate();
      return result;
    });
    this.inFlight = attempt;
    return attempt;
  }

  /** Back to a fresh form (after "Send another" or `reset()`). */
  clear(): void {
    if (this.inFlight !== undefined) return;
    this.status = 'idle';
    this.lastResult = undefined;
    this.host.requestUpdate();
  }

  hostConnected(): void {}
}
