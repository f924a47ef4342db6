import {
  AuthSessionSchema,
  ErrorResponseSchema,
  OkSchema,
  PasswordResetBodySchema,
  PasswordResetConfirmBodySchema,
  RefreshBodySchema,
  SignInBodySchema,
  SignInResultSchema,
  SignUpBodySchema,
  TokenBodySchema,
  TwoFactorSignInBodySchema,
} from '@digitallz/contracts';
import {
  AppError,
  completeSignIn,
  type IssuedSession,
  refreshSession,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signIn,
  signOut,
  signUp,
  verifyEmail,
} from '@digitallz/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clearSessionCookies, REFRESH_COOKIE, setSessionCookies } from '../../lib/session-cookies';
import { AUTH_IP_LIMIT, SIGN_IN_FAILURES, SIGN_IN_FAILURES_PER_IP } from '../../plugins/app/access';
import { metaOf, userIdOf } from '../../plugins/app/request-context';

const tags = ['auth'];
const publicAccess = { access: { auth: 'public' as const, ipLimit: AUTH_IP_LIMIT } };
const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 429: ErrorResponseSchema };

/** Sign-up, sign-in (with 2FA), refresh, sign-out, email verification, password reset. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { accounts, cookieSecure } = app.deps;
  const { limiter } = app;

  const issue = (reply: FastifyReply, session: IssuedSession) => ({
    status: 'signed-in' as const,
    userId: session.userId,
    accessToken: session.accessToken,
    tokenType: 'Bearer' as const,
    expiresIn: session.expiresIn,
    refreshToken: session.refreshToken,
    csrfToken: setSessionCookies(reply, session, cookieSecure),
  });

  app.post(
    '/sign-up',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Create an account (free plan); a verification link is emailed',
        body: SignUpBodySchema,
        response: { 201: AuthSessionSchema, 409: ErrorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { session } = await signUp(accounts, request.body, metaOf(request));
      return reply.code(201).send(issue(reply, session));
    },
  );

  app.post(
    '/sign-in',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Sign in with email and password (then a code when 2FA is on)',
        body: SignInBodySchema,
        response: { 200: SignInResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const perAccount = `${request.body.email}|${request.ip}`;
      for (const [rule, key] of [
        [SIGN_IN_FAILURES, perAccount],
        [SIGN_IN_FAILURES_PER_IP, request.ip],
      ] as const) {
        const state = await limiter.peek(rule, key);
        if (state.remaining <= 0)
          throw new AppError('RATE_LIMITED', 'too many failed sign-ins; try again later', {
            details: { retryAfterSeconds: state.resetSeconds },
          });
      }
      try {
        const result = await signIn(accounts, request.body, metaOf(request));
        await limiter.reset(SIGN_IN_FAILURES, perAccount);
        if (result.kind === 'two-factor-required')
          return { status: 'two-factor-required' as const, challenge: result.challenge };
        return issue(reply, result.session);
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
          await limiter.consume(SIGN_IN_FAILURES, perAccount).catch(() => {});
          await limiter.consume(SIGN_IN_FAILURES_PER_IP, request.ip).catch(() => {});
        }
        throw error;
      }
    },
  );

  app.post(
    '/sign-in/2fa',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Finish a sign-in with a 6-digit code or a recovery code',
        body: TwoFactorSignInBodySchema,
        response: { 200: AuthSessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { session } = await completeSignIn(accounts, request.body, metaOf(request));
      return issue(reply, session);
    },
  );

  app.post(
    '/refresh',
    {
      config: publicAccess,
      schema: {
        tags,
        summary:
          'A new access token for the refresh token (cookie or body); each refresh token works once',
        body: RefreshBodySchema.nullish(),
        response: { 200: AuthSessionSchema, 403: ErrorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const fromCookie = request.cookies[REFRESH_COOKIE];
      const token = request.body?.refreshToken ?? fromCookie;
      if (!token) throw new AppError('UNAUTHENTICATED', 'no refresh token');
      const session = await refreshSession(accounts, token, metaOf(request));
      return issue(reply, session);
    },
  );

  app.post(
    '/sign-out',
    {
      config: { access: { auth: 'session' } },
      schema: { tags, summary: 'End this session', response: { 200: OkSchema } },
    },
    async (request, reply) => {
      await signOut(
        accounts,
        { userId: userIdOf(request), sessionId: request.ctx.sessionId as string },
        metaOf(request),
      );
      clearSessionCookies(reply, cookieSecure);
      return { ok: true as const };
    },
  );

  app.post(
    '/verify-email',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Confirm an email address with the emailed token',
        body: TokenBodySchema,
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      await verifyEmail(accounts, request.body.token, metaOf(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/verify-email/resend',
    {
      config: { access: { auth: 'session' } },
      schema: {
        tags,
        summary: 'Email a new verification link',
        response: { 200: OkSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      await resendVerification(accounts, userIdOf(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/password-reset',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Email a reset link (the answer is the same whether the account exists or not)',
        body: PasswordResetBodySchema,
        response: { 202: OkSchema, ...errors },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(accounts, request.body.email, metaOf(request));
      return reply.code(202).send({ ok: true as const });
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Set a new password with the emailed token; every session ends',
        body: PasswordResetConfirmBodySchema,
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      await resetPassword(accounts, request.body, metaOf(request));
      return { ok: true as const };
    },
  );
};

export default routes;
