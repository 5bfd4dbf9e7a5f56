import type { LeadReport } from './generate-lead-event.js';
import type { PendingLeadReports } from './pending-lead-reports.js';

/*
 * Reports each delivered lead once. The form announces a report before it
 * sends; whatever learns how the outbox item ended (this send, a later
 * retry, another tab's receipt, a later page view) calls `onDelivered` or
 * `onFailed` with the submission id. Only the first call for a delivered
 * submission reports, and a failed one never does.
 */

/** What an outbox hands its listeners when an item ends, by submission id. */
export interface DeliveryHook {
  onDelivered(submissionId: string): void;
  onFailed(submissionId: string): void;
}

export class LeadReporter implements DeliveryHook {
  constructor(
    private readonly pending: PendingLeadReports,
    private readonly report: (report: LeadReport) => void,
  ) {}

  /** Call before the lead is handed to the outbox, so even an instant delivery finds it. */
  expect(report: LeadReport): void {
    this.pending.add(report);
  }

  onDelivered(submissionId: string): void {
    const report = this.pending.take(submissionId);
    if (report !== undefined) this.report(report);
  }

  onFailed(submissionId: string): void {
    this.pending.take(submissionId);
  }
}
