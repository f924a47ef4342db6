import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors';

/** Addresses a webhook may not reach from our servers: loopback, private, link-local, CGNAT. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addAddress('::', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** A webhook URL must be http(s) without credentials. */
export function parseEndpointUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'the endpoint URL is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('VALIDATION_FAILED', 'the endpoint URL must start with https:// or http://');
  if (url.username || url.password)
    throw new AppError('VALIDATION_FAILED', 'the endpoint URL must not hold credentials');
  return url;
}

/**
 * Refuses endpoints that resolve to private or loopback addresses (server-side request forgery),
 * unless the deployment allows them (development and tests).
 */
export async function assertPublicEndpoint(url: URL, allowPrivateNetworks: boolean) {
  if (allowPrivateNetworks) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch(() => {
        throw new AppError('VALIDATION_FAILED', `the endpoint host ${host} does not resolve`);
      });
  for (const { address, family } of addresses) {
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it maps.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (
      mapped
        ? PRIVATE.check(mapped, 'ipv4')
        : PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4')
    )
      throw new AppError('VALIDATION_FAILED', 'the endpoint resolves to a private address');
  }
}
