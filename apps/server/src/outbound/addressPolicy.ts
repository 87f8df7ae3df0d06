// Which network addresses the server may fetch from on someone's behalf (evidence links,
// the archive service): public unicast only. Everything else — loopback, private, link-local,
// carrier-grade NAT, multicast, reserved, and the IPv6 forms that embed an IPv4 address
// (mapped, 6to4, NAT64, Teredo) — could reach this machine or its network (SSRF).
import ipaddr from 'ipaddr.js';

/** Why `address` may not be fetched from (the range's name), or null when it is public. */
export function refusedAddressRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const range = ipaddr.parse(address).range();
  return range === 'unicast' ? null : range;
}
