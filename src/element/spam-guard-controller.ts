import type { ReactiveController, ReactiveElement } from 'lit';
import { HONEYPOT_NAME, isHoneypotFilled } from '../spam/honeypot.js';
import { earliestSendAt } from '../spam/min-time.js';
import { systemClock } from '../shared/clock.js';

/*
 * The widget's free, invisible spam checks: it notes when the form became
 * usable (for the minimum time: its first render, or the page's start for
 * an HTML-first form the element took over) and reads the honeypot. What to do about
 * either is the element's: a filled honeypot drops the send, a fast send
 * only waits.
 */
export class SpamGuardController implements ReactiveController {
  /** Epoch ms from which the form was usable; the outbox schedules in epoch ms too. */
  private renderedAt: number | undefined;

  constructor(
    private readonly host: ReactiveElement,
    /** When the form was usable before the element drew it (an HTML-first form), else `undefined`. */
    private readonly usableSince: () => number | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    // A configuration error shows no form: the clock starts when one is shown.
    if (this.renderedAt === undefined && this.host.renderRoot.querySelector('form') !== null) this.renderedAt = this.usableSince() ?? systemClock.now();
  }

  /** When the lead may leave (epoch ms), or `undefined` for now. */
  earliestSend(minTimeMs: number): number | undefined {
    return earliestSendAt(this.renderedAt, minTimeMs, systemClock.now());
  }

  /** Whether something filled the field no person can reach. */
  honeypotFilled(): boolean {
    return isHoneypotFilled(this.host.renderRoot.querySelector<HTMLInputElement>(`input[name="${HONEYPOT_NAME}"]`)?.value);
  }
}
