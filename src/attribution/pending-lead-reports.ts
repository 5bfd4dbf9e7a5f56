import type { StorageLike } from '../shared/storage.js';
import type { LeadReport } from './generate-lead-event.js';

/*
 * Reports waiting for their lead's delivery, by submission id. A queued lead
 * may be delivered minutes later or on a later page view, by whichever tab's
 * outbox gets through; the report waits in localStorage beside it and is
 * taken exactly once, by whoever learns of the delivery first. Reports hold
 * no personal data (see LeadReport), and old ones are dropped.
 */

export const LEAD_REPORTS_STORAGE_KEY = 'keen-lead-form:lead-reports:v1';
/** A lead still undelivered after this long is not reported any more. */
export const LEAD_REPORT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** Twice the outbox's capacity: room for every queued lead and some that failed unseen. */
export const LEAD_REPORT_MAX_ITEMS = 20;

interface PendingReport {
  readonly at: number;
  readonly report: LeadReport;
}

export class PendingLeadReports {
  /** Reports that storage refused: they live as long as the page. */
  private readonly memory = new Map<string, LeadReport>();

  constructor(
    private readonly storage: StorageLike | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps a report until {@link take} is called with its submission id. */
  add(report: LeadReport): void {
    const others = this.read().filter((pending) => pending.report.submissionId !== report.submissionId);
    const items = [...others.slice(1 - LEAD_REPORT_MAX_ITEMS), { at: this.now(), report }];
    if (!this.write(items)) this.memory.set(report.submissionId, report);
  }

  /**
   * The report for a submission, removed so no one reports it again;
   * `undefined` when it was already taken, never added, or too old.
   */
  take(submissionId: string): LeadReport | undefined {
    const kept = this.memory.get(submissionId);
    if (kept !== undefined) {
      this.memory.delete(submissionId);
      return kept;
    }
    const items = this.read();
    const found = items.find((pending) => pending.report.submissionId === submissionId);
    if (found !== undefined) this.write(items.filter((pending) => pending !== found));
    return found?.report;
  }

  private read(): PendingReport[] {
    try {
      const items: unknown = JSON.parse(this.storage?.getItem(LEAD_REPORTS_STORAGE_KEY) ?? '[]');
      const oldest = this.now() - LEAD_REPORT_MAX_AGE_MS;
      return Array.isArray(items)
        ? items.filter((item: Partial<PendingReport> | null) => typeof item?.at === 'number' && item.at > oldest && typeof item.report?.submissionId === 'string')
        : [];
    } catch {
      return [];
    }
  }

  private write(items: readonly PendingReport[]): boolean {
    try {
      if (this.storage === undefined) return false;
      if (items.length === 0) this.storage.removeItem(LEAD_REPORTS_STORAGE_KEY);
      else this.storage.setItem(LEAD_REPORTS_STORAGE_KEY, JSON.stringify(items));
      return true;
    } catch {
      return false;
    }
  }
}
