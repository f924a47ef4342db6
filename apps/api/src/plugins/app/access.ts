import type { ApiKeyScope, LimitRule } from '@digitallz/core';

/**
 * What a route needs, declared in its config (`config: { access: ... }`); a route without it
 * does not start. `public`: anyone. `optional`: anyone, signed-in callers get their plan.
 * `user`: a session or an API key with `scope`. `session`: a web sign-in only (account and key
 * management). `admin`: an admin's session.
 */
export type Access =
  | { auth: 'public'; ipLimit?: LimitRule }
  | { auth: 'optional' | 'user'; scope: ApiKeyScope; quota?: 'searchesPerDay' }
  | { auth: 'session' }
  | { auth: 'admin' };

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Per-IP limit of the sign-in, sign-up and reset routes (brute force, email bombing). */
export const AUTH_IP_LIMIT: LimitRule = {
  name: 'sign-in and sign-up requests',
  points: 20,
  seconds: 60,
};
/** Wrong passwords per email and address before sign-in locks for 15 minutes. */
export const SIGN_IN_FAILURES: LimitRule = {
  name: 'failed sign-ins',
  points: 5,
  seconds: 900,
  blockSeconds: 900,
};
/** Wrong passwords per address over all emails (credential stuffing). */
export const SIGN_IN_FAILURES_PER_IP: LimitRule = {
  name: 'failed sign-ins from one address',
  points: 30,
  seconds: 3_600,
};
