import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An unguessable token (256 bits), URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex: how high-entropy tokens (refresh, reset, API keys) are stored and looked up. */
export function sha256(value: string): string {
  // The one-shot form: an API key is hashed on every request it authenticates.
  return hash('sha256', value, 'hex');
}

/** Compares two strings in constant time (for equal lengths). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
