// The SSRF guard: which addresses and names the fetcher must never reach unless the operator allows
// them (TOPSTORY_FETCH_ALLOW_PRIVATE). The ranges are a sorted data table; IPv6 forms that embed an
// IPv4 address (v4-mapped, NAT64, 6to4) are unwrapped and the embedded address judged by the same table.
// The fetcher checks three times: the literal host of every URL, every address a name resolves to,
// and the peer address of the connected socket.
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { TopstoryError } from '../errors.js';

/** Why an address is refused, worded to follow "10.0.0.5 is …". */
export type BlockReason =
  | 'a benchmarking address' | 'a broadcast address' | 'a cloud metadata address' | 'a documentation address'
  | 'a link-local address' | 'a loopback address' | 'a multicast address' | 'a private address'
  | 'a reserved address' | 'a shared (CGNAT) address' | 'a unique-local address' | 'an unspecified address';

/** Ranges the fetcher refuses, sorted by family then address. The longest matching prefix names the reason. */
export const BLOCKED_RANGES: readonly (readonly [cidr: string, reason: BlockReason, reference: string])[] = [
  ['0.0.0.0/8', 'an unspecified address', 'RFC 1122 "this network"; 0.0.0.0 reaches the local host on Linux'],
  ['10.0.0.0/8', 'a private address', 'RFC 1918'],
  ['100.64.0.0/10', 'a shared (CGNAT) address', 'RFC 6598'],
  ['100.100.100.200/32', 'a cloud metadata address', 'Alibaba Cloud metadata'],
  ['127.0.0.0/8', 'a loopback address', 'RFC 1122'],
  ['168.63.129.16/32', 'a cloud metadata address', 'Azure wire server'],
  ['169.254.0.0/16', 'a link-local address', 'RFC 3927'],
  ['169.254.169.254/32', 'a cloud metadata address', 'AWS, GCP, Azure, OpenStack metadata'],
  ['172.16.0.0/12', 'a private address', 'RFC 1918'],
  ['192.0.0.0/24', 'a reserved address', 'RFC 6890 IETF protocol assignments'],
  ['192.0.0.192/32', 'a cloud metadata address', 'Oracle Cloud metadata'],
  ['192.0.2.0/24', 'a documentation address', 'RFC 5737 TEST-NET-1'],
  ['192.88.99.0/24', 'a reserved address', 'RFC 7526 deprecated 6to4 relay anycast'],
  ['192.168.0.0/16', 'a private address', 'RFC 1918'],
  ['198.18.0.0/15', 'a benchmarking address', 'RFC 2544'],
  ['198.51.100.0/24', 'a documentation address', 'RFC 5737 TEST-NET-2'],
  ['203.0.113.0/24', 'a documentation address', 'RFC 5737 TEST-NET-3'],
  ['224.0.0.0/4', 'a multicast address', 'RFC 5771'],
  ['240.0.0.0/4', 'a reserved address', 'RFC 1112 class E'],
  ['255.255.255.255/32', 'a broadcast address', 'RFC 919 limited broadcast'],
  // IPv6: only 2000::/3 is global unicast (RFC 4291), so the rest of the space is refused in three blocks;
  // the embedded-IPv4 prefixes below are unwrapped before this table is consulted.
  ['::/3', 'a reserved address', 'RFC 4291: outside global unicast'],
  ['::/128', 'an unspecified address', 'RFC 4291'],
  ['::1/128', 'a loopback address', 'RFC 4291'],
  ['64:ff9b:1::/48', 'a private address', 'RFC 8215 local-use NAT64'],
  ['100::/64', 'a reserved address', 'RFC 6666 discard-only'],
  ['2001::/23', 'a reserved address', 'RFC 2928 IETF protocol assignments (Teredo, ORCHID, benchmarking)'],
  ['2001:2::/48', 'a benchmarking address', 'RFC 5180'],
  ['2001:db8::/32', 'a documentation address', 'RFC 3849'],
  ['3fff::/20', 'a documentation address', 'RFC 9637'],
  ['4000::/2', 'a reserved address', 'RFC 4291: outside global unicast'],
  ['5f00::/16', 'a reserved address', 'RFC 9602 SRv6 SIDs'],
  ['8000::/1', 'a reserved address', 'RFC 4291: outside global unicast'],
  ['fc00::/7', 'a unique-local address', 'RFC 4193 (fd00:ec2::254 is the AWS metadata service)'],
  ['fd00:ec2::254/128', 'a cloud metadata address', 'AWS IMDS over IPv6'],
  ['fe80::/10', 'a link-local address', 'RFC 4291'],
  ['fec0::/10', 'a reserved address', 'RFC 3879 deprecated site-local'],
  ['ff00::/8', 'a multicast address', 'RFC 4291'],
];

/** IPv6 prefixes that carry an IPv4 address, which is what the packet finally reaches; sorted by prefix. */
export const EMBEDDED_IPV4: readonly (readonly [cidr: string, byteOffset: number, reference: string])[] = [
  ['::ffff:0:0/96', 12, 'RFC 4291 IPv4-mapped'],
  ['64:ff9b::/96', 12, 'RFC 6052 NAT64 well-known prefix'],
  ['2002::/16', 2, 'RFC 3056 6to4'],
];

/** Host names refused whatever they resolve to (cloud metadata services); sorted. */
export const BLOCKED_NAMES: readonly (readonly [name: string, reason: BlockReason])[] = [
  ['instance-data.ec2.internal', 'a cloud metadata address'],
  ['metadata.goog', 'a cloud metadata address'],
  ['metadata.google.internal', 'a cloud metadata address'],
];

// RFC 6761 §6.3: localhost names always mean the loopback addresses, whatever DNS says, so they are
// never sent to the resolver.
const LOOPBACK_ANSWER: readonly ResolvedAddress[] = [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];

/** One address a host name resolved to. */
export interface ResolvedAddress { address: string; family: 4 | 6 }

type Range = { addr: ipaddr.IPv4 | ipaddr.IPv6; bits: number; reason: BlockReason };
const RANGES: Range[] = BLOCKED_RANGES.map(([cidr, reason]) => {
  const [addr, bits] = ipaddr.parseCIDR(cidr);
  return { addr, bits, reason };
});
const EMBEDDED = EMBEDDED_IPV4.map(([cidr, offset]) => {
  const [addr, bits] = ipaddr.parseCIDR(cidr) as [ipaddr.IPv6, number];
  return { addr, bits, offset };
});

/** Parses a strict IP literal (dotted quad or IPv6, brackets allowed); null for anything else. */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // isIP is strict (no octal, hex or short forms); ipaddr.js alone would accept them.
  if (isIP(bare) === 0) return null;
  return ipaddr.parse(bare);
}

function ownReason(addr: ipaddr.IPv4 | ipaddr.IPv6): BlockReason | null {
  let best: Range | null = null;
  for (const range of RANGES) {
    if (range.addr.kind() !== addr.kind()) continue;
    if (addr.match(range.addr, range.bits) && (best === null || range.bits > best.bits)) best = range;
  }
  return best?.reason ?? null;
}

/** The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), or null. */
export function embeddedIPv4(addr: ipaddr.IPv6): ipaddr.IPv4 | null {
  for (const prefix of EMBEDDED) {
    if (addr.match(prefix.addr, prefix.bits)) {
      const bytes = addr.toByteArray().slice(prefix.offset, prefix.offset + 4);
      return new ipaddr.IPv4(bytes);
    }
  }
  return null;
}

/** Why an address must not be reached, or null when it is a public unicast address. */
export function blockReason(address: string | ipaddr.IPv4 | ipaddr.IPv6): BlockReason | null {
  const addr = typeof address === 'string' ? parseAddress(address) : address;
  if (addr === null) return 'a reserved address';
  if (addr.kind() === 'ipv6') {
    const inner = embeddedIPv4(addr as ipaddr.IPv6);
    if (inner) return ownReason(inner);
  }
  return ownReason(addr);
}

/** A parsed TOPSTORY_FETCH_ALLOW_PRIVATE: ranges and host names the operator lets the fetcher reach. */
export interface Allowlist {
  ranges: { addr: ipaddr.IPv4 | ipaddr.IPv6; bits: number }[];
  names: string[];            // exact names, lower case, no trailing dot
  suffixes: string[];         // from "*.example.test": ".example.test"
}

/** Reads a comma-separated list of CIDRs, addresses and host names ("*.name" for every subdomain). */
export function parseAllowlist(text: string | undefined): Allowlist {
  const list: Allowlist = { ranges: [], names: [], suffixes: [] };
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry.includes('/')) {
      const [ip, bits] = entry.split('/');
      if (!ip || parseAddress(ip) === null || !ipaddr.isValidCIDR(entry)) {
        throw new TopstoryError('config', 'invalid_value', `TOPSTORY_FETCH_ALLOW_PRIVATE: "${raw.trim()}" is not a CIDR range`);
      }
      list.ranges.push({ addr: ipaddr.parse(ip), bits: Number(bits) });
      continue;
    }
    const addr = parseAddress(entry);
    if (addr) {
      list.ranges.push({ addr, bits: addr.kind() === 'ipv4' ? 32 : 128 });
    } else if (/^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/.test(entry)) {
      const name = entry.replace(/\.$/, '');
      if (name.startsWith('*.')) list.suffixes.push(name.slice(1));
      else list.names.push(name);
    } else {
      throw new TopstoryError('config', 'invalid_value', `TOPSTORY_FETCH_ALLOW_PRIVATE: "${raw.trim()}" is neither a CIDR nor a host name`);
    }
  }
  return list;
}

/** Lower case without the trailing dot, the form names are compared in. */
export function canonicalName(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/** True when the operator allowed this host name. */
export function nameAllowed(list: Allowlist, hostname: string): boolean {
  const name = canonicalName(hostname);
  return list.names.includes(name) || list.suffixes.some((suffix) => name.endsWith(suffix));
}

/** True when the operator allowed this address (an IPv4-mapped address counts as its IPv4 form). */
export function addressAllowed(list: Allowlist, address: string): boolean {
  const addr = parseAddress(address);
  if (addr === null) return false;
  const forms: (ipaddr.IPv4 | ipaddr.IPv6)[] = [addr];
  if (addr.kind() === 'ipv6') {
    const inner = embeddedIPv4(addr as ipaddr.IPv6);
    if (inner) forms.push(inner);
  }
  return list.ranges.some((range) => forms.some((form) => form.kind() === range.addr.kind() && form.match(range.addr, range.bits)));
}

/** True for "localhost" and "*.localhost" (RFC 6761 §6.3). */
export function isLocalhostName(hostname: string): boolean {
  const name = canonicalName(hostname);
  return name === 'localhost' || name.endsWith('.localhost');
}

/** The fixed answer for localhost names: never asked of DNS. */
export function localhostAddresses(): ResolvedAddress[] {
  return LOOPBACK_ANSWER.map((entry) => ({ ...entry }));
}

/**
 * The refusal for one address reached under a host name, or null when it may be reached. `subject`
 * words the sentence's start; by default the address itself, or "<name> resolves to <address>, which".
 */
export function refuseAddress(list: Allowlist, hostname: string, address: string, subject?: string): string | null {
  if (nameAllowed(list, hostname) || addressAllowed(list, address)) return null;
  const reason = blockReason(address);
  if (reason === null) return null;
  const who = subject ?? (parseAddress(hostname) ? describeAddress(address) : `${canonicalName(hostname)} resolves to ${describeAddress(address)}, which`);
  return `${who} is ${reason} (not allowed; see TOPSTORY_FETCH_ALLOW_PRIVATE)`;
}

/** An address as an operator reads it: an IPv6 form that embeds IPv4 shows the IPv4 address too. */
export function describeAddress(address: string): string {
  const addr = parseAddress(address);
  if (addr === null || addr.kind() !== 'ipv6') return address;
  const inner = embeddedIPv4(addr as ipaddr.IPv6);
  return inner ? `${address} (${inner.toString()})` : address;
}

/** The refusal for a URL's host before any lookup: a blocked literal address or a blocked name; null if it may go on. */
export function refuseHost(list: Allowlist, hostname: string): string | null {
  const literal = parseAddress(hostname);
  if (literal) return refuseAddress(list, hostname, literal.toString());
  if (nameAllowed(list, hostname)) return null;
  const name = canonicalName(hostname);
  const blocked = BLOCKED_NAMES.find(([entry]) => entry === name);
  if (blocked) return `${name} is ${blocked[1]} (not allowed; see TOPSTORY_FETCH_ALLOW_PRIVATE)`;
  return null;
}
