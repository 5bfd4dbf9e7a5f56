import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { generateLeadEvent, pushToDataLayer, type LeadReport } from '../attribution/generate-lead-event.js';
import { PendingLeadReports } from '../attribution/pending-lead-reports.js';
import { browserLocalStorage } from '../shared/storage.js';

/*
 * Reports each delivered lead once: a `keen-conversion` event on the form,
 * and GA4's `generate_lead` in `window.dataLayer` when the site opted in.
 * The report is kept by submission id before the lead is sent, so a lead
 * delivered later (a retry, another tab, a later page view whose form's
 * outbox gets it through) is reported then, once; a failed one never.
 */

/** What learns how an outbox item ended calls these, by submission id. */
export interface DeliveryHook {
  onDelivered(submissionId: string): void;
  onFailed(submissionId: string): void;
}

export class LeadAnalyticsController implements ReactiveController, DeliveryHook {
  /** `datalayer` pushes to `window.dataLayer`; anything else only fires the event. */
  analytics: string | undefined;
  private pending: PendingLeadReports | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly announce: (report: LeadReport) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.pending ??= new PendingLeadReports(browserLocalStorage());
  }

  /** Call before the lead is handed to the outbox, so even an instant delivery finds it. */
  expect(report: LeadReport): void {
    this.pending?.add(report);
  }

  onDelivered(submissionId: string): void {
    const report = this.pending?.take(submissionId);
    if (report === undefined) return;
    if (this.analytics === 'datalayer') pushToDataLayer(generateLeadEvent(report));
    this.announce(report);
  }

  onFailed(submissionId: string): void {
    this.pending?.take(submissionId);
  }
}
