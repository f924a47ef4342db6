import argon2 from 'argon2';

/** Argon2id with OWASP's recommended minimum cost (19 MiB, 2 passes). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** A hash of nothing anyone knows: verified against when the account does not exist. */
let decoy: Promise<string> | undefined;

/**
 * True when `password` matches `hash`. Without a hash (unknown account, OAuth-only account) it
 * still spends the same time, so response times do not reveal which emails have accounts.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    decoy ??= argon2.hash('decoy password never used', OPTIONS);
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

/** True when a stored hash was made with weaker settings than today's. */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, OPTIONS);
}
