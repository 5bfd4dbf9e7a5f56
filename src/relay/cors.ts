/*
 * CORS for the relay: only the site owner's origins may read its answers,
 * and never with cookies (no Allow-Credentials, ever). The answer varies by
 * Origin, so caches keep one copy per origin.
 */

export class AllowedOrigins {
  private readonly origins: ReadonlySet<string>;
  readonly any: boolean;

  constructor(origins: readonly string[]) {
    if (origins.length === 0) throw new Error('allowedOrigins: name at least one origin, e.g. https://www.example.com');
    this.any = origins.includes('*');
    this.origins = new Set(origins.filter((origin) => origin !== '*').map(normaliseOrigin));
  }

  allows(origin: string | null): origin is string {
    return origin !== null && (this.any || this.origins.has(origin.toLowerCase()));
  }
}

/** `https://Example.com/` → `https://example.com`; refuses anything that is not a bare http(s) origin. */
function normaliseOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`allowedOrigins: ${JSON.stringify(text)} is not an origin like https://www.example.com`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin + '/' !== url.href.replace(/\/?$/, '/')) {
    throw new Error(`allowedOrigins: ${JSON.stringify(text)} must be scheme://host[:port] only`);
  }
  return url.origin;
}

/** Headers for an answer the given (allowed) origin may read. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  };
}

/** The preflight's extra headers: POST with a JSON body, nothing else. */
export function preflightHeaders(origin: string): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '600',
  };
}
