/*
 * How many requests ended how, for the operator: forwarded leads, preflights,
 * challenges handed out, and refusals by the gate that refused them. Plain
 * numbers, no addresses or lead contents, so they can be exported as metrics.
 */

/** The gate that refused a request. */
export type RefusalReason =
  | 'origin'
  | 'method'
  | 'content-type'
  | 'body-size'
  | 'json'
  | 'channel-id'
  | 'honeypot'
  | 'challenge'
  | 'captcha'
  | 'rate-limit'
  | 'schema'
  | 'unavailable'
  /** A no-script form post whose `keen_form` is missing or broken. */
  | 'form-config';

export interface RelayCounters {
  /** Leads passed to Keen (whatever Keen answered). */
  readonly forwarded: number;
  readonly preflight: number;
  /** Proof-of-work challenges handed out. */
  readonly challenge: number;
  /** Channel-field configurations served (`GET ?action=fields`). */
  readonly fields: number;
  /** No-script form posts received (each also counts as forwarded or refused). */
  readonly formPosts: number;
  /** Refusals by reason; a reason that never happened is absent. */
  readonly refused: Readonly<Partial<Record<RefusalReason, number>>>;
}

export interface CounterSet {
  count(outcome: 'forwarded' | 'preflight' | 'challenge' | 'fields' | 'formPosts' | 'refused', reason?: RefusalReason): void;
  snapshot(): RelayCounters;
}

export function counterSet(): CounterSet {
  const totals = { forwarded: 0, preflight: 0, challenge: 0, fields: 0, formPosts: 0 };
  const refused: Partial<Record<RefusalReason, number>> = {};
  return {
    count(outcome, reason) {
      if (outcome !== 'refused') totals[outcome] += 1;
      else if (reason !== undefined) refused[reason] = (refused[reason] ?? 0) + 1;
    },
    snapshot: () => ({ ...totals, refused: { ...refused } }),
  };
}

/** The fields of a relay event that a log line shows (see `RelayEvent`). */
export interface LoggableRelayEvent {
  readonly outcome: string;
  readonly status: number;
  readonly refused?: string;
  readonly reason?: string;
  /** `form` for a no-script form post. */
  readonly via?: string;
  readonly durationMs: number;
}

/**
 * One log line for a request: status, outcome, the refusing gate and its
 * reason, time. Never the client address (personal data in the EU) nor the
 * lead's contents; the rate limit and counters need no address in the logs.
 */
export function formatRelayEvent(event: LoggableRelayEvent, at: Date = new Date()): string {
  const refused = event.refused === undefined ? '' : ` [${event.refused}]`;
  const reason = event.reason === undefined ? '' : ` ${event.reason}`;
  const via = event.via === undefined ? '' : ` (${event.via} post)`;
  return `${at.toISOString()} ${event.status} ${event.outcome}${via}${refused} ${event.durationMs}ms${reason}`;
}
