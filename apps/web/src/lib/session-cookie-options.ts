import type { Cookie } from 'set-cookie-parser';

/** The API's session cookies that the web server passes on to the browser. */
export const SESSION_COOKIES = ['dz_access', 'dz_refresh', 'dz_csrf'];

/** A cookie the API set, as the options Next's cookie stores take (actions and the proxy). */
export function cookieOptions(cookie: Cookie) {
  return {
    path: cookie.path ?? '/',
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: (cookie.sameSite?.toLowerCase() as 'lax' | 'strict' | undefined) ?? 'lax',
    ...(cookie.expires ? { expires: cookie.expires } : {}),
    ...(cookie.maxAge !== undefined ? { maxAge: cookie.maxAge } : {}),
  };
}
