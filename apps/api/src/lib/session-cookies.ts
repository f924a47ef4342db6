import type { IssuedSession } from '@digitallz/core';
import { randomToken } from '@digitallz/core';
import type { FastifyReply } from 'fastify';

export const ACCESS_COOKIE = 'dz_access';
export const REFRESH_COOKIE = 'dz_refresh';
export const CSRF_COOKIE = 'dz_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The refresh cookie travels with every request to the site (httpOnly, SameSite=Strict): the web server refreshes sessions as pages load. */
const REFRESH_PATH = '/';

/**
 * The web app's cookies: the access token (httpOnly), the refresh token (httpOnly, auth routes
 * only, SameSite=Strict) and the CSRF token (readable by the page, echoed in x-csrf-token).
 * Returns the CSRF token.
 */
export function setSessionCookies(
  reply: FastifyReply,
  session: IssuedSession,
  secure: boolean,
): string {
  const csrf = randomToken(24);
  const base = { secure, path: '/', sameSite: 'lax' as const };
  reply
    .setCookie(ACCESS_COOKIE, session.accessToken, {
      ...base,
      httpOnly: true,
      maxAge: session.expiresIn,
    })
    .setCookie(REFRESH_COOKIE, session.refreshToken, {
      ...base,
      httpOnly: true,
      path: REFRESH_PATH,
      sameSite: 'strict',
      expires: session.refreshExpiresAt,
    })
    .setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false, expires: session.refreshExpiresAt });
  return csrf;
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean) {
  reply
    .clearCookie(ACCESS_COOKIE, { path: '/', secure })
    .clearCookie(REFRESH_COOKIE, { path: REFRESH_PATH, secure })
    .clearCookie(CSRF_COOKIE, { path: '/', secure });
}
