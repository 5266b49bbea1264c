// IPv4 CIDR arithmetic: enough to tell whether two ranges overlap and which prefix is longer.

export interface Ipv4Range {
  first: number;
  last: number;
  prefix: number;
}

export function parseIpv4Cidr(text: string): Ipv4Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const addr = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const size = 2 ** (32 - prefix);
  const first = Math.floor(addr / size) * size;
  return { first, last: first + size - 1, prefix };
}

/** A range as CIDR text (10.0.1.0/24). */
export function rangeText(r: { first: number; prefix: number }): string {
  const a = r.first >>> 0;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${r.prefix}`;
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}
