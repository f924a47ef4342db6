import { createRequire } from 'node:module';
import type Stripe from 'stripe';

/**
 * The SDK is loaded when a client is made, that is only where billing is configured: a process
 * without it does not hold the SDK's tens of MB.
 */
const load = () => createRequire(import.meta.url)('stripe') as typeof Stripe;

/** The Stripe SDK; `apiBase` points it at another server (a local stand-in in tests). */
export function createStripe(secretKey: string, apiBase?: string): Stripe {
  const Stripe = load();
  if (!apiBase) return new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 10_000 });
  const url = new URL(apiBase);
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    protocol: url.protocol.replace(':', '') as 'http' | 'https',
    maxNetworkRetries: 0,
    timeout: 10_000,
  });
}
