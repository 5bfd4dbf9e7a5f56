/*
 * Solves an ALTCHA proof-of-work challenge in the page: find the number n
 * for which SHA-256(salt + n) is the challenge. Written here rather than
 * bundled from altcha-lib (server-side only) to keep the CDN file small. It
 * hashes in slices of a few milliseconds and yields to the main thread
 * between them, so a visitor's typing stays smooth (no worker file to host).
 */

/** A challenge as the relay hands it out (`GET <relay>?action=challenge`). */
export interface AltchaChallenge {
  readonly algorithm: string;
  readonly challenge: string;
  readonly maxnumber?: number;
  readonly salt: string;
  readonly signature: string;
}

/**
 * Work between two yields, in ms: a visitor's key press waits at most about
 * this long. Digests are awaited one at a time: started in parallel, their
 * results come back in one long task (measured: 600 ms for 100 at once).
 */
const SLICE_MS = 4;
const DEFAULT_MAX_NUMBER = 1e6;

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  let text = '';
  for (const byte of new Uint8Array(buffer)) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** A macrotask boundary, so input events, timers and rendering run between slices. */
const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function isAltchaChallenge(value: unknown): value is AltchaChallenge {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record['algorithm'] === 'SHA-256' &&
    typeof record['challenge'] === 'string' &&
    typeof record['salt'] === 'string' &&
    typeof record['signature'] === 'string' &&
    (record['maxnumber'] === undefined || typeof record['maxnumber'] === 'number')
  );
}

/**
 * The base64 JSON payload the relay verifies, or `undefined` when no number
 * up to `maxnumber` fits (a broken challenge). Rejects when `signal` aborts.
 */
export async function solveAltcha(challenge: AltchaChallenge, signal?: AbortSignal): Promise<string | undefined> {
  const max = challenge.maxnumber ?? DEFAULT_MAX_NUMBER;
  let sliceStart = performance.now();
  for (let number = 0; number <= max; number += 1) {
    const hash = await crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + number));
    if (hex(hash) === challenge.challenge) {
      const { algorithm, challenge: target, salt, signature } = challenge;
      return btoa(JSON.stringify({ algorithm, challenge: target, number, salt, signature }));
    }
    if (performance.now() - sliceStart > SLICE_MS) {
      signal?.throwIfAborted();
      await yieldToPage();
      sliceStart = performance.now();
    }
  }
  return undefined;
}
