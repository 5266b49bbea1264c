// IPv6 CIDR arithmetic (RFC 4291 text forms: `::` compression, an embedded dotted IPv4 tail as in
// 64:ff9b::192.0.2.1), enough for longest-prefix route choice. Addresses are 128-bit bigints.

export interface Ipv6Range {
  first: bigint;
  last: bigint;
  prefix: number;
}

const ALL = (1n << 128n) - 1n;

export function parseIpv6Cidr(text: string): Ipv6Range | undefined {
  const m = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const prefix = Number(m[2]);
  const addr = parseIpv6Address(m[1]!);
  if (addr === undefined || prefix > 128) return undefined;
  const host = prefix === 128 ? 0n : (1n << BigInt(128 - prefix)) - 1n;
  const first = addr & (ALL ^ host);
  return { first, last: first | host, prefix };
}

function parseIpv6Address(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(p);
        if (!v4) return undefined;
        const o = v4.slice(1).map(Number);
        if (o.some((x) => x > 255)) return undefined;
        out.push((o[0]! << 8) | o[1]!, (o[2]! << 8) | o[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let v = 0n;
  for (const g of [...head, ...new Array<number>(missing).fill(0), ...tail]) v = (v << 16n) | BigInt(g);
  return v;
}

/**
 * Whether an IPv6 range is every address (`::/0`, and its other spellings: `0::/0`, `::0/0`, the eight groups
 * written out, upper case); undefined when the text is no IPv6 range. A zone index (`fe80::1%eth0`) is no
 * CIDR EC2 takes: not read.
 */
export function isEveryIpv6(text: string): boolean | undefined {
  const range = parseIpv6Cidr(text);
  return range ? range.prefix === 0 : undefined;
}

export function contains6(outer: Ipv6Range, inner: Ipv6Range): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function overlaps6(a: Ipv6Range, b: Ipv6Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** The last IPv6 address, for coverage sweeps. */
export const LAST_IPV6 = ALL;
