/*
 * Client addresses → rate-limit buckets. An IPv4 address is its own bucket;
 * an IPv6 address is bucketed by its /64, because one household or server
 * usually holds a whole /64 and can pick a fresh address per request.
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`, what a dual-stack Node socket
 * reports) is the IPv4 address. Anything unparseable shares one bucket, so
 * garbage cannot mint unlimited buckets.
 */

/** The bucket of addresses nobody could parse (or no address at all). */
export const UNKNOWN_CLIENT = 'unknown';

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

/** The eight 16-bit groups of an IPv6 address, or undefined. */
function parseIPv6(text: string): number[] | undefined {
  const address = text.replace(/%.*$/, ''); // zone id (fe80::1%eth0)
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (v4 === undefined) return undefined;
        groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = toGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

/**
 * The rate-limit bucket of one client address: `203.0.113.7`,
 * `2001:db8:0:1::/64`, or {@link UNKNOWN_CLIENT}.
 */
export function clientBucket(address: string | undefined): string {
  if (address === undefined) return UNKNOWN_CLIENT;
  const text = address.trim().replace(/^\[(.*)\]$/, '$1'); // [2001:db8::1] as some headers write it
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return v4.join('.');
  const groups = parseIPv6(text);
  if (groups === undefined) return UNKNOWN_CLIENT;
  const isV4Mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isV4Mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/**
 * The client address from a header the operator named for their proxy. For
 * a list (`X-Forwarded-For: visitor-claim, proxy-seen`) the last entry is the
 * one the operator's own proxy appended; earlier entries are whatever the
 * visitor sent, so they are never used.
 */
export function addressFromHeader(headers: Headers, name: string): string | undefined {
  const value = headers.get(name);
  if (value === null) return undefined;
  const last = value.split(',').pop()?.trim();
  return last === undefined || last === '' ? undefined : last;
}
