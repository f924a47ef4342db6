import { AppError } from '../../errors';
import { requestJson } from '../http';
import { parsePayload } from '../parse-payload';
import type { FetchOptions } from '../types';
import { TokenSchema } from './parse';

const SCOPE = 'https://api.ebay.com/oauth/api_scope';
/** Renew a little before expiry so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

type Cached = { token: string; expiresAt: number };
const tokens = new Map<string, Cached>();

/** An application access token (client-credentials grant), cached until shortly before it expires. */
export async function ebayAccessToken(
  apiBase: string,
  options: FetchOptions,
  now: () => number = Date.now,
): Promise<string> {
  const clientId = options.credentials?.ebayClientId;
  const clientSecret = options.credentials?.ebayClientSecret;
  if (!clientId || !clientSecret) {
    throw new AppError(
      'MARKETPLACE_CREDENTIALS_REQUIRED',
      'eBay needs an application client id and secret',
      {
        details: { platform: 'ebay', credential: 'ebayClientId, ebayClientSecret' },
      },
    );
  }
  const key = `${apiBase}\n${clientId}`;
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > now()) return cached.token;
  const { body } = await requestJson(
    `${apiBase}/identity/v1/oauth2/token`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: SCOPE }).toString(),
    },
    { ...options, platform: 'ebay' },
  );
  const token = parsePayload('ebay', 'token', TokenSchema, body);
  tokens.set(key, {
    token: token.access_token,
    expiresAt: now() + token.expires_in * 1000 - EXPIRY_MARGIN_MS,
  });
  return token.access_token;
}

export function forgetEbayTokens() {
  tokens.clear();
}
