import type { SubmitFailure } from '../api/submit-lead.js';
import type { Messages } from '../i18n/en.js';

/*
 * What a visitor is told when a send fails, as plain data: the element shows
 * the text and logs the note for the site owner; this module has no DOM.
 */

export interface FailureMessage {
  readonly text: string;
  /** Set when a site owner must fix the configuration: what to log for them. */
  readonly ownerNote: string | undefined;
}

/** Words for a failed send, in the visitor's language, and what the site owner must fix. */
export function failureMessage(failure: SubmitFailure, m: Messages, channel: string | undefined): FailureMessage {
  // The relay's captcha check said no: the visitor can solve it again and resend.
  if (failure.refused === 'captcha') return { text: m.captchaRefused, ownerNote: undefined };
  if (failure.status === 403 || failure.status === 404) {
    return {
      text: m.failureMisconfigured,
      ownerNote:
        `<keen-lead-form>: Keen refused channel "${channel}" (${failure.status}: ${failure.message}). ` +
        'Check the channel id and that its public API (no_auth_api) is switched on.',
    };
  }
  if (failure.kind === 'redirect') return { text: m.failureMisconfigured, ownerNote: `<keen-lead-form>: ${failure.message}.` };
  let text: string;
  if (failure.kind === 'http' && !failure.retryable) text = m.failureRejected(failure.message);
  else if (failure.kind === 'network' || failure.kind === 'aborted') text = m.failureNetwork;
  else if (failure.kind === 'timeout') text = m.failureTimeout;
  else text = m.failureServer;
  return { text, ownerNote: undefined };
}
