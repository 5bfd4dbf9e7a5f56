/*
 * A delivery attempt through a relay that asks for proof of work: each
 * attempt takes its own solution and sends it as `verification.altcha`; when
 * the relay answers that the solution is missing or expired (`renew`), one
 * new solution is solved and the lead sent again. Whatever cannot be solved
 * now is a retryable failure, so the lead waits in the outbox: it is never
 * refused for a reason that is not the visitor's.
 */
import { submitLead, type SubmitOptions, type SubmitResult } from '../api/submit-lead.js';
import type { ValidatedLeadPayload } from '../schema/lead-payload.js';
import type { ProofOfWorkSource } from '../spam/relay-verification.js';
import type { CaptchaToken } from './challenge-captcha.js';

export interface VerifiedSendOptions extends Omit<SubmitOptions, 'verification'> {
  /** Posting to a relay, which strips and checks `verification` (Keen itself would refuse the extra field). */
  readonly relay: boolean;
  readonly proofOfWork?: ProofOfWorkSource | undefined;
  /** Set when the relay asks for a captcha: the visitor's token for this attempt, if there is one. */
  readonly captcha?: (() => CaptchaToken | undefined) | undefined;
}

function unsolved(error: unknown): SubmitResult {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, kind: 'network', message: `The spam check could not be prepared: ${detail}`, retryable: true };
}

export async function sendVerified(payload: ValidatedLeadPayload, options: VerifiedSendOptions): Promise<SubmitResult> {
  const { proofOfWork, relay, captcha, ...submitOptions } = options;
  if (captcha !== undefined) {
    // No token, no send: the relay would refuse it. The lead waits (the visitor solves the check again).
    const token = captcha();
    if (token === undefined) return unsolved(new Error('no captcha answer for this attempt'));
    return submitLead(payload, { ...submitOptions, verification: { honeypot: '', captcha: token } });
  }
  // The widget never sends a lead whose honeypot is filled, so it is always empty here.
  if (proofOfWork === undefined) return submitLead(payload, relay ? { ...submitOptions, verification: { honeypot: '' } } : submitOptions);
  let result: SubmitResult | undefined;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let altcha: string | undefined;
    if (options.keepalive === true) {
      // The page is going away: no time to solve; the lead waits for the next visit.
      altcha = proofOfWork.takeReady();
      if (altcha === undefined) return unsolved(new Error('no solution ready as the page closed'));
    } else {
      try {
        altcha = await proofOfWork.take();
      } catch (error) {
        return unsolved(error);
      }
    }
    result = await submitLead(payload, { ...submitOptions, verification: altcha === '' ? { honeypot: '' } : { honeypot: '', altcha } });
    if (result.ok || result.renew !== true) return result;
  }
  // Renewed and still refused as stale: the relay's clock or key is off. Keep the lead and try later.
  return result === undefined || result.ok ? unsolved(new Error('no attempt')) : { ...result, retryable: true };
}
