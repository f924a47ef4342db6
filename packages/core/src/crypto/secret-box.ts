import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors';

/**
 * AES-256-GCM for secrets at rest (TOTP secrets, OAuth tokens, marketplace credentials). A keyring
 * holds the current key and older ones: values name the key that sealed them, so keys can rotate
 * and `reseal` moves old values to the current key.
 *
 * Sealed format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export type SecretBox = {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** True when `sealed` was sealed with an older key. */
  isStale(sealed: string): boolean;
  currentKeyId: string;
};

export type Keyring = { id: string; key: Buffer }[];

/**
 * Parses `id1:base64key,id2:base64key` (first = current). Each key is 32 bytes (AES-256).
 * Throws with the variable's name in the message so a bad config stops start-up clearly.
 */
export function parseKeyring(value: string, variable = 'ENCRYPTION_KEYS'): Keyring {
  const ring = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, encoded] = part.split(':');
      if (!id || !encoded || !/^[\w-]{1,32}$/.test(id))
        throw new Error(`${variable}: each key is "id:base64" (got "${part.slice(0, 8)}...")`);
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== 32) throw new Error(`${variable}: key "${id}" must be 32 bytes (base64)`);
      return { id, key };
    });
  if (ring.length === 0) throw new Error(`${variable}: no key`);
  if (new Set(ring.map((k) => k.id)).size !== ring.length)
    throw new Error(`${variable}: key ids must be distinct`);
  return ring;
}

export function createSecretBox(keyring: Keyring): SecretBox {
  const current = keyring[0];
  if (!current) throw new Error('a secret box needs at least one key');
  const byId = new Map(keyring.map((k) => [k.id, k.key]));
  const parts = (sealed: string) => {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || body === undefined)
      throw new AppError('INTERNAL', 'not a sealed secret');
    return { keyId, iv, tag, body };
  };
  return {
    currentKeyId: current.id,
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', current.id, iv, tag, body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const { keyId, iv, tag, body } = parts(sealed);
      const key = byId.get(keyId);
      if (!key) throw new AppError('INTERNAL', `secret sealed with unknown key "${keyId}"`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
    isStale: (sealed) => parts(sealed).keyId !== current.id,
  };
}
