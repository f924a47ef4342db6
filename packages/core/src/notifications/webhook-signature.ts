import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret in the Standard Webhooks format (`whsec_` + base64 of 24 random bytes). */
export function createWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The Standard Webhooks headers (standardwebhooks.com): an id, a timestamp and
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. Receivers check the signature, reject
 * timestamps more than 5 minutes away (replays) and ignore ids seen before.
 */
export function signWebhook(
  secret: string,
  message: { id: string; at: Date; body: string },
): Record<string, string> {
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(message.at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(message.id, message.at, message.body),
  };
}

/** Checks a delivery as a receiver would; throws when the signature or timestamp is wrong. */
export function verifyWebhook(secret: string, body: string, headers: Record<string, string>) {
  return new Webhook(secret).verify(body, headers);
}
