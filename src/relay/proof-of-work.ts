/*
 * The relay's proof of work (ALTCHA, altcha-lib's v1 format): it issues
 * signed challenges that expire, and checks the widget's base64 solution.
 * Verification says *why* a solution fails, because the widget must renew a
 * missing or expired one (a lead that waited in the outbox for an hour is
 * still a real lead) but must not retry a forged, wrong or replayed one.
 */
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { MemoryReplayStore, type ReplayStore } from './replay-store.js';

export const DEFAULT_CHALLENGE_MAX_NUMBER = 100_000;
export const DEFAULT_CHALLENGE_EXPIRES_MS = 20 * 60_000;

export interface RelayChallenge {
  /** The secret that signs challenges. Give every instance the same one (e.g. env `KEEN_RELAY_CHALLENGE_KEY`); default: random per process. */
  readonly hmacKey?: string;
  /** The largest secret number, i.e. the most hashes a solver may need; default 100 000 (~0.1-1 s in a browser). */
  readonly maxNumber?: number;
  /** How long a challenge may be solved and used; default 20 minutes. */
  readonly expiresInMs?: number;
  /** Where used solutions are remembered; default a {@link MemoryReplayStore}; use a `RedisReplayStore` when several instances run. */
  readonly replayStore?: ReplayStore;
}

/** What the widget fetches from `GET <relay>?action=challenge`. */
export interface AltchaChallenge {
  readonly algorithm: 'SHA-256';
  readonly challenge: string;
  readonly maxnumber: number;
  readonly salt: string;
  readonly signature: string;
}

export type SolutionVerdict = 'ok' | 'missing' | 'expired' | 'invalid' | 'replayed';

interface SolutionPayload {
  algorithm: 'SHA-256';
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function decodeSolution(text: string): SolutionPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(atob(text));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const payload = value as Record<string, unknown>;
  const { algorithm, challenge, number, salt, signature } = payload;
  // Only the algorithm we issue: a solver must not pick a cheaper one.
  if (algorithm !== 'SHA-256' || typeof challenge !== 'string' || typeof salt !== 'string' || typeof signature !== 'string') return undefined;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) return undefined;
  return { algorithm, challenge, number, salt, signature };
}

/** Seconds since the epoch at which the challenge expires, from its salt (`<random>?expires=<s>&`). */
function expiresAtMs(salt: string): number | undefined {
  const query = salt.split('?')[1];
  const seconds = Number(new URLSearchParams(query ?? '').get('expires'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export interface ProofOfWork {
  issue(): Promise<AltchaChallenge>;
  verify(solution: unknown): Promise<SolutionVerdict>;
}

export function createProofOfWork(settings: RelayChallenge = {}, now: () => number = Date.now): ProofOfWork {
  const hmacKey = settings.hmacKey === undefined || settings.hmacKey === '' ? randomKey() : settings.hmacKey;
  const maxNumber = settings.maxNumber ?? DEFAULT_CHALLENGE_MAX_NUMBER;
  if (!(Number.isInteger(maxNumber) && maxNumber > 0)) throw new RangeError('challenge.maxNumber must be a positive whole number');
  const expiresInMs = settings.expiresInMs ?? DEFAULT_CHALLENGE_EXPIRES_MS;
  if (!(Number.isFinite(expiresInMs) && expiresInMs > 0)) throw new RangeError('challenge.expiresInMs must be a positive number');
  const replayStore = settings.replayStore ?? new MemoryReplayStore();

  return {
    async issue() {
      const challenge = await createChallenge({ hmacKey, maxnumber: maxNumber, expires: new Date(now() + expiresInMs) });
      return { ...challenge, algorithm: 'SHA-256', maxnumber: maxNumber };
    },

    async verify(solution) {
      if (typeof solution !== 'string' || solution === '') return 'missing';
      const payload = decodeSolution(solution);
      if (payload === undefined) return 'invalid';
      // Signature and number first (without the clock): only our own
      // challenges, solved, get to be called "expired".
      if (!(await verifySolution(payload, hmacKey, false))) return 'invalid';
      const expiresAt = expiresAtMs(payload.salt);
      if (expiresAt === undefined) return 'invalid';
      const remainingMs = expiresAt - now();
      if (remainingMs <= 0) return 'expired';
      return (await replayStore.markUsed(payload.signature, remainingMs)) ? 'ok' : 'replayed';
    },
  };
}
