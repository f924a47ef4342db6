import { type NextRequest, NextResponse } from 'next/server';
import { parse as parseSetCookie } from 'set-cookie-parser';
import { cookieOptions, SESSION_COOKIES } from './lib/session-cookie-options';

const API_URL = process.env.API_URL ?? 'http://127.0.0.1:4000';
/** Refresh this long before the access token expires. */
const MARGIN_SECONDS = 60;

function expiresSoon(token: string | undefined): boolean {
  if (!token) return true;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    return typeof payload.exp !== 'number' || payload.exp - MARGIN_SECONDS < Date.now() / 1000;
  } catch {
    return true;
  }
}

/**
 * Keeps web sessions alive: when the access token is missing or about to expire and a refresh
 * token is there, spends it at the API and hands the new cookies to the browser and to this
 * request's rendering. A refused refresh ends the session's cookies.
 */
export async function proxy(request: NextRequest) {
  const refresh = request.cookies.get('dz_refresh')?.value;
  if (!refresh || !expiresSoon(request.cookies.get('dz_access')?.value)) return NextResponse.next();
  let response: Response;
  try {
    response = await fetch(`${API_URL}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: {
        cookie: `dz_refresh=${refresh}`,
        'x-forwarded-for': request.headers.get('x-forwarded-for') ?? '',
      },
    });
  } catch {
    return NextResponse.next();
  }
  const cookies = parseSetCookie(response.headers.getSetCookie());
  if (!response.ok) {
    const next = NextResponse.next();
    for (const name of SESSION_COOKIES) next.cookies.delete(name);
    return next;
  }
  for (const c of cookies) request.cookies.set(c.name, c.value);
  const next = NextResponse.next({ request: { headers: request.headers } });
  for (const c of cookies) next.cookies.set(c.name, c.value, cookieOptions(c));
  return next;
}

export const config = { matcher: ['/((?!_next/|favicon.ico).*)'] };
