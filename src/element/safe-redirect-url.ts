/**
 * Resolves a redirect target, refusing anything but http(s): a `javascript:`
 * or `data:` URL in a pasted snippet must never run in the visitor's page.
 */
export function safeRedirectUrl(target: string, base: string): string | undefined {
  try {
    const url = new URL(target, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
