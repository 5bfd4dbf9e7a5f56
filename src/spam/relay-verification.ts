/*
 * The proof of work for one relay endpoint: fetches a challenge
 * (`GET <relay>?action=challenge`) and solves it in the background, ahead of
 * the send, and hands each delivery attempt its own solution (the relay
 * accepts a solution once, and a lead retried an hour later needs a fresh
 * one). A failure here is retryable: the lead stays in the outbox.
 */
import { isAltchaChallenge, solveAltcha } from './altcha-solver.js';

/** How long a send waits for a challenge to arrive and be solved before it counts as a timeout (and is retried). */
export const SOLVE_WAIT_MS = 60_000;

export class ChallengeUnavailableError extends Error {}

export interface ProofOfWorkSource {
  /** Starts fetching and solving now (the visitor started filling the form), if no solution is ready or on its way. */
  prepare(): void;
  /** Takes the prepared solution (or makes one), and prepares nothing new: each solution is used once. */
  take(): Promise<string>;
  /** A solution ready this instant, for a last send as the page goes away; `undefined` when none is. */
  takeReady(): string | undefined;
}

function challengeUrl(endpoint: string): string {
  const url = new URL(endpoint, document.baseURI);
  url.searchParams.set('action', 'challenge');
  return url.href;
}

/** Resolves `''` when the relay hands out no challenges (an older relay, or one set to `challenge: false`): the lead goes without, and the relay decides. */
async function fetchAndSolve(endpoint: string, doFetch: typeof fetch): Promise<string> {
  const response = await doFetch(challengeUrl(endpoint), { credentials: 'omit', mode: 'cors', cache: 'no-store' });
  if (response.status === 404 || response.status === 405) return '';
  const challenge: unknown = await response.json();
  if (!response.ok || !isAltchaChallenge(challenge)) throw new ChallengeUnavailableError(`The relay gave no challenge (${response.status})`);
  const solution = await solveAltcha(challenge);
  if (solution === undefined) throw new ChallengeUnavailableError('The challenge has no solution');
  return solution;
}

export function createProofOfWorkSource(endpoint: string, doFetch: typeof fetch = (input, init) => fetch(input, init)): ProofOfWorkSource {
  let pending: Promise<string> | undefined;
  let ready: string | undefined;

  const start = (): Promise<string> => {
    const solving = fetchAndSolve(endpoint, doFetch);
    pending = solving;
    solving.then(
      (solution) => {
        if (pending === solving) ready = solution;
      },
      () => {
        // A failed prefetch is forgotten: the next take() tries again.
        if (pending === solving) pending = undefined;
      },
    );
    return solving;
  };

  return {
    prepare() {
      pending ??= start();
    },
    async take() {
      const solving = pending ?? start();
      pending = undefined;
      ready = undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new ChallengeUnavailableError('Solving the challenge took too long')), SOLVE_WAIT_MS);
      });
      try {
        return await Promise.race([solving, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    takeReady() {
      const solution = ready;
      if (solution !== undefined) {
        ready = undefined;
        pending = undefined;
      }
      return solution;
    },
  };
}
