import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, parseKeyring } from './secret-box';

const key = () => randomBytes(32).toString('base64');

describe('secret box (AES-256-GCM)', () => {
  it('seals and opens, never the same ciphertext twice, never the plaintext inside', () => {
    const box = createSecretBox(parseKeyring(`k1:${key()}`));
    const a = box.seal('JBSWY3DPEHPK3PXP-secret');
    const b = box.seal('JBSWY3DPEHPK3PXP-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DP');
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP-secret');
  });

  it('rejects a tampered value (authenticated encryption)', () => {
    const box = createSecretBox(parseKeyring(`k1:${key()}`));
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('opens values of an older key after rotation and says they are stale', () => {
    const old = `old:${key()}`;
    const sealed = createSecretBox(parseKeyring(old)).seal('token');
    const rotated = createSecretBox(parseKeyring(`new:${key()},${old}`));
    expect(rotated.open(sealed)).toBe('token');
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.seal('token'))).toBe(false);
  });

  it('refuses a key that is not 32 bytes, naming the variable', () => {
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/ENCRYPTION_KEYS: key "k1" must be 32 bytes/);
    expect(() => parseKeyring('')).toThrow(/ENCRYPTION_KEYS/);
  });
});
