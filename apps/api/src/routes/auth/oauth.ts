import {
  ErrorResponseSchema,
  OAuthCallbackQuerySchema,
  OAuthProviderParamsSchema,
  OAuthProvidersSchema,
  OAuthStartQuerySchema,
} from '@digitallz/contracts';
import {
  AppError,
  type OAuthChecks,
  type OAuthProvider,
  type OAuthProviderName,
  randomToken,
  signInWithOAuth,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setSessionCookies } from '../../lib/session-cookies';
import { AUTH_IP_LIMIT } from '../../plugins/app/access';
import { metaOf } from '../../plugins/app/request-context';

const tags = ['auth'];
const OAUTH_COOKIE = 'dz_oauth';
const OAUTH_PATH = '/api/v1/auth/oauth';
const FLOW_SECONDS = 600;
const access = { access: { auth: 'public' as const, ipLimit: AUTH_IP_LIMIT } };

type Flow = OAuthChecks & { provider: OAuthProviderName; returnTo: string; expiresAt: number };

export type OAuthRouteOptions = {
  providers: Partial<Record<OAuthProviderName, OAuthProvider>>;
  /** The API's public address: the callback URL registered at the providers. */
  apiUrl: string;
};

/**
 * Sign-in with Google and GitHub: `start` sends the browser to the provider with state, PKCE and
 * (Google) a nonce, kept in a sealed, httpOnly, 10-minute cookie; `callback` checks them, signs
 * in (or up), sets the session cookies and sends the browser back to the web app.
 */
const routes: FastifyPluginAsyncZod<OAuthRouteOptions> = async (app, options) => {
  const { accounts, cookieSecure } = app.deps;
  const redirectUri = (provider: string) => `${options.apiUrl}${OAUTH_PATH}/${provider}/callback`;
  const appLink = (path: string, params: Record<string, string> = {}) => {
    const url = new URL(path, accounts.appUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  };
  const providerOf = (name: OAuthProviderName) => {
    const provider = options.providers[name];
    if (!provider) throw new AppError('NOT_FOUND', `sign-in with ${name} is not configured`);
    return provider;
  };

  app.get(
    '/providers',
    {
      config: { access: { auth: 'public' } },
      schema: {
        tags,
        summary: 'The sign-in providers configured',
        response: { 200: OAuthProvidersSchema },
      },
    },
    async () => ({ data: Object.keys(options.providers) as OAuthProviderName[] }),
  );

  app.get(
    '/:provider/start',
    {
      config: access,
      schema: {
        tags,
        summary: 'Start signing in with Google or GitHub (redirects to the provider)',
        params: OAuthProviderParamsSchema,
        querystring: OAuthStartQuerySchema,
        response: {
          302: z.null().describe('To the provider'),
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request.params.provider);
      const flow: Flow = {
        provider: provider.name,
        state: randomToken(),
        nonce: randomToken(),
        codeVerifier: randomToken(48),
        returnTo: request.query.returnTo,
        expiresAt: accounts.clock().getTime() + FLOW_SECONDS * 1000,
      };
      const url = await provider.authorizationUrl(redirectUri(provider.name), flow);
      reply.setCookie(OAUTH_COOKIE, accounts.secrets.seal(JSON.stringify(flow)), {
        path: OAUTH_PATH,
        httpOnly: true,
        secure: cookieSecure,
        sameSite: 'lax',
        maxAge: FLOW_SECONDS,
      });
      return reply.redirect(url.toString(), 302);
    },
  );

  app.get(
    '/:provider/callback',
    {
      config: access,
      schema: {
        tags,
        summary: "The provider's redirect back: signs in and returns to the web app",
        params: OAuthProviderParamsSchema,
        querystring: OAuthCallbackQuerySchema,
        response: {
          302: z.null().describe('To the web app'),
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request.params.provider);
      reply.clearCookie(OAUTH_COOKIE, { path: OAUTH_PATH, secure: cookieSecure });
      const fail = (reason: string) => reply.redirect(appLink('/sign-in', { error: reason }), 302);
      if (request.query.error) return fail('oauth_denied');
      const flow = readFlow(request.cookies[OAUTH_COOKIE]);
      if (!flow || flow.provider !== provider.name || flow.expiresAt < accounts.clock().getTime())
        return fail('oauth_expired');
      const callbackUrl = new URL(redirectUri(provider.name));
      for (const [k, v] of Object.entries(request.query)) if (v) callbackUrl.searchParams.set(k, v);
      try {
        const identity = await provider.complete(callbackUrl, redirectUri(provider.name), flow);
        const result = await signInWithOAuth(accounts, identity, metaOf(request));
        if (result.kind === 'two-factor-required')
          return reply.redirect(
            appLink('/sign-in/2fa', { challenge: result.challenge, returnTo: flow.returnTo }),
            302,
          );
        setSessionCookies(reply, result.session, cookieSecure);
        return reply.redirect(appLink(flow.returnTo), 302);
      } catch (error) {
        request.log.warn({ err: error, provider: provider.name }, 'oauth sign-in failed');
        return fail(
          error instanceof AppError && error.code === 'FORBIDDEN'
            ? 'oauth_no_email'
            : 'oauth_failed',
        );
      }
    },
  );

  function readFlow(cookie: string | undefined): Flow | null {
    if (!cookie) return null;
    try {
      return JSON.parse(accounts.secrets.open(cookie)) as Flow;
    } catch {
      return null;
    }
  }
};

export default routes;
