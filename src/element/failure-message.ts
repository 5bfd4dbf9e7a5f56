import type { SubmitFailure } from '../api/submit-lead.js';
import type { Messages } from '../i18n/en.js';

/*
 * What a visitor is told when a send fails, as plain data: the element shows
 * the text and logs for the site owner; this module has no DOM.
 */

export interface FailureMessage {
  readonly text: string;
  /** Keen refused the channel (403/404) or the endpoint redirects: a site owner must fix the configuration. */
  readonly misconfigured: boolean;
}

/** Words for a failed send, in the visitor's language. */
export function failureMessage(failure: SubmitFailure, m: Messages): FailureMessage {
  // A redirecting endpoint is a wrong URL in the configuration, like an unknown channel.
  if (failure.status === 403 || failure.status === 404 || failure.kind === 'redirect') return { text: m.failureMisconfigured, misconfigured: true };
  let text: string;
  if (failure.kind === 'http' && !failure.retryable) text = m.failureRejected(failure.message);
  else if (failure.kind === 'network' || failure.kind === 'aborted') text = m.failureNetwork;
  else if (failure.kind === 'timeout') text = m.failureTimeout;
  else text = m.failureServer;
  return { text, misconfigured: false };
}
