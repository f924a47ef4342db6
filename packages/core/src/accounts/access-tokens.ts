import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors';

export type Role = 'user' | 'admin';

/** What an access token says: who, with which role, from which session. */
export type AccessClaims = { userId: string; role: Role; sessionId: string };

export type AccessTokens = {
  /** Seconds an access token lives. */
  ttlSeconds: number;
  sign(claims: AccessClaims, now: Date): Promise<string>;
  /** Throws UNAUTHENTICATED on anything but a valid, unexpired HS256 token of ours. */
  verify(token: string, now: Date): Promise<AccessClaims>;
  /** A short-lived token proving the password step of a sign-in that needs a second factor. */
  signChallenge(userId: string, now: Date): Promise<string>;
  verifyChallenge(token: string, now: Date): Promise<string>;
};

const ISSUER = 'digitallz';
const ACCESS = 'digitallz:access';
const CHALLENGE = 'digitallz:2fa';
const CHALLENGE_TTL_SECONDS = 300;

/**
 * HS256 JWTs (jose). Verification pins the algorithm, issuer, audience and expiry, so `alg: none`,
 * another key, another token type or an expired token are all refused.
 */
export function createAccessTokens(options: { secret: string; ttlSeconds?: number }) {
  const key = new TextEncoder().encode(options.secret);
  const ttlSeconds = options.ttlSeconds ?? 900;
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

  const sign = (
    payload: Record<string, unknown>,
    subject: string,
    audience: string,
    ttl: number,
    now: Date,
  ) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt(seconds(now))
      .setExpirationTime(seconds(now) + ttl)
      .sign(key);

  const verify = async (token: string, audience: string, now: Date) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      return payload;
    } catch (error) {
      const expired = error instanceof errors.JWTExpired;
      throw new AppError(
        'UNAUTHENTICATED',
        expired ? 'the access token has expired' : 'the access token is not valid',
      );
    }
  };

  const tokens: AccessTokens = {
    ttlSeconds,
    sign: (claims, now) =>
      sign({ role: claims.role, sid: claims.sessionId }, claims.userId, ACCESS, ttlSeconds, now),
    async verify(token, now) {
      const payload = await verify(token, ACCESS, now);
      const { role, sid } = payload as { role?: unknown; sid?: unknown };
      if ((role !== 'user' && role !== 'admin') || typeof sid !== 'string')
        throw new AppError('UNAUTHENTICATED', 'the access token is not valid');
      return { userId: payload.sub as string, role, sessionId: sid };
    },
    signChallenge: (userId, now) => sign({}, userId, CHALLENGE, CHALLENGE_TTL_SECONDS, now),
    async verifyChallenge(token, now) {
      return (await verify(token, CHALLENGE, now)).sub as string;
    },
  };
  return tokens;
}
