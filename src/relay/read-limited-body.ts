/*
 * Reads a request body, but never more than a limit: a declared
 * Content-Length over it is refused before reading, and a body that streams
 * past it is cancelled as soon as it crosses the line, so a huge upload costs
 * the relay at most `limit` bytes of memory.
 */

export type LimitedBody = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false };

export async function readLimitedBody(request: Request, limit: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false };
  if (request.body === null) return { ok: true, bytes: new Uint8Array() };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
