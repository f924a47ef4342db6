import * as client from 'openid-client';
import { z } from 'zod';
import { AppError } from '../errors';

export const OAUTH_PROVIDERS = ['google', 'github'] as const;
export type OAuthProviderName = (typeof OAUTH_PROVIDERS)[number];

export type OAuthProviderConfig = {
  clientId: string;
  clientSecret: string;
  /** Google: the OpenID issuer (discovery). Default https://accounts.google.com. */
  issuer?: string;
  /** GitHub: the web base (authorize, access_token) and the API base (user, emails). */
  baseUrl?: string;
  apiUrl?: string;
};

/** Who the provider says signed in. */
export type OAuthIdentity = {
  provider: OAuthProviderName;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  accessToken: string;
  refreshToken: string | null;
};

/** What a sign-in keeps between the redirect out and the callback (in a sealed cookie). */
export type OAuthChecks = { state: string; nonce: string; codeVerifier: string };

export type OAuthProvider = {
  name: OAuthProviderName;
  authorizationUrl(redirectUri: string, checks: OAuthChecks): Promise<URL>;
  /** Exchanges the callback's code (checking state, PKCE and, for OpenID, nonce) for the identity. */
  complete(callbackUrl: URL, redirectUri: string, checks: OAuthChecks): Promise<OAuthIdentity>;
};

const isLoopback = (url: string) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(url);

/**
 * Google through OpenID Connect discovery (ID token with nonce, userinfo for the email); GitHub as
 * plain OAuth 2.0 with its REST API for the user and the verified primary email. Both with PKCE
 * (S256) and state. Plain HTTP is allowed only on loopback (the local providers of the tests).
 */
export function createOAuthProvider(
  name: OAuthProviderName,
  config: OAuthProviderConfig,
  fetchImpl: typeof fetch = fetch,
): OAuthProvider {
  let configuration: Promise<client.Configuration> | undefined;
  const secure = (c: client.Configuration, url: string) => {
    if (isLoopback(url)) client.allowInsecureRequests(c);
    c[client.customFetch] = fetchImpl as client.CustomFetch;
    return c;
  };
  const getConfiguration = () => {
    configuration ??= (async () => {
      if (name === 'google') {
        const issuer = config.issuer ?? 'https://accounts.google.com';
        return client.discovery(new URL(issuer), config.clientId, config.clientSecret, undefined, {
          execute: isLoopback(issuer) ? [client.allowInsecureRequests] : [],
          [client.customFetch]: fetchImpl as client.CustomFetch,
        });
      }
      const base = config.baseUrl ?? 'https://github.com';
      return secure(
        new client.Configuration(
          {
            issuer: base,
            authorization_endpoint: `${base}/login/oauth/authorize`,
            token_endpoint: `${base}/login/oauth/access_token`,
          },
          config.clientId,
          config.clientSecret,
        ),
        base,
      );
    })().catch((error) => {
      configuration = undefined;
      throw new AppError('SERVICE_UNAVAILABLE', `${name} sign-in is unavailable right now`, {
        cause: error,
      });
    });
    return configuration;
  };

  return {
    name,
    async authorizationUrl(redirectUri, checks) {
      const c = await getConfiguration();
      return client.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: name === 'google' ? 'openid email profile' : 'read:user user:email',
        state: checks.state,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        ...(name === 'google' ? { nonce: checks.nonce } : {}),
      });
    },
    async complete(callbackUrl, redirectUri, checks) {
      const c = await getConfiguration();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(
          c,
          callbackUrl,
          {
            pkceCodeVerifier: checks.codeVerifier,
            expectedState: checks.state,
            ...(name === 'google' ? { expectedNonce: checks.nonce, idTokenExpected: true } : {}),
          },
          { redirect_uri: redirectUri },
        );
      } catch (error) {
        throw new AppError('UNAUTHENTICATED', `${name} sign-in failed`, { cause: error });
      }
      const refreshToken = tokens.refresh_token ?? null;
      if (name === 'google') {
        const claims = tokens.claims();
        if (!claims) throw new AppError('UNAUTHENTICATED', 'google sent no ID token');
        const info = await client.fetchUserInfo(c, tokens.access_token, claims.sub);
        return {
          provider: name,
          subject: claims.sub,
          email: (info.email ?? claims.email ?? null) as string | null,
          emailVerified: (info.email_verified ?? claims.email_verified) === true,
          accessToken: tokens.access_token,
          refreshToken,
        };
      }
      return { ...(await githubUser(config, tokens.access_token, fetchImpl)), refreshToken };
    },
  };
}

const GitHubUserSchema = z.object({ id: z.number(), login: z.string() });
const GitHubEmailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

async function githubUser(config: OAuthProviderConfig, token: string, fetchImpl: typeof fetch) {
  const api = config.apiUrl ?? 'https://api.github.com';
  const get = async (path: string) => {
    const res = await fetchImpl(`${api}${path}`, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/vnd.github+json',
        'user-agent': 'digitallz',
      },
    });
    if (!res.ok) throw new AppError('UNAUTHENTICATED', `github answered ${res.status} for ${path}`);
    return res.json();
  };
  const user = GitHubUserSchema.parse(await get('/user'));
  const emails = GitHubEmailsSchema.parse(await get('/user/emails'));
  const primary = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified);
  return {
    provider: 'github' as const,
    subject: String(user.id),
    email: primary?.email ?? null,
    emailVerified: primary !== undefined,
    accessToken: token,
  };
}
