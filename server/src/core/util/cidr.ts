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

// Private and shared address space (RFC 1918, RFC 6598) holds no public address: not an AWS service's
// public endpoints, not the internet. https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((c) => parseIpv4Cidr(c)!);

/** Whether every address of the range is private or shared space. */
export function isPrivateRange(range: Ipv4Range): boolean {
  return PRIVATE.some((p) => contains(p, range));
}
