/*
 * A fresh id for one submission: it follows the lead through the outbox, the
 * cross-tab lock and the `keen-queued` / `keen-delivered` events.
 */

/** The parts of `Crypto` used here; injectable for tests. */
export type RandomSource = Pick<Crypto, 'getRandomValues'> & { readonly randomUUID?: () => string };

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure
 * contexts, and the widget may be embedded on a plain-http page, so the same
 * format is built from `crypto.getRandomValues`, which works everywhere.
 */
export function createSubmissionId(source: RandomSource = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  // RFC 9562 section 5.4: version 4 in the high nibble of byte 6, variant 10 in byte 8.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
