import {
  AccountExportSchema,
  AccountSchema,
  AuditPageSchema,
  AuditQuerySchema,
  ChangePasswordBodySchema,
  DeleteAccountBodySchema,
  DisableTwoFactorBodySchema,
  ErrorResponseSchema,
  OkSchema,
  RecoveryCodesSchema,
  TwoFactorCodeBodySchema,
  TwoFactorSetupSchema,
  UpdateAccountBodySchema,
  UsageSchema,
} from '@digitallz/contracts';
import {
  changePassword,
  deleteAccount,
  disableTwoFactor,
  enableTwoFactor,
  exportAccountData,
  findAuditEvents,
  getAccount,
  setupTwoFactor,
  updateAccount,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookies } from '../../lib/session-cookies';
import { quotaUse, subjectOf } from '../../plugins/app/quotas';
import { metaOf, userIdOf } from '../../plugins/app/request-context';

const tags = ['account'];
const session = { access: { auth: 'session' as const } };
const errors = { 400: ErrorResponseSchema, 409: ErrorResponseSchema };

/** The signed-in user's own account: profile, password, 2FA, quota use, audit log. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { accounts } = app.deps;

  app.get(
    '/',
    {
      config: session,
      schema: { tags, summary: 'Your account', response: { 200: AccountSchema } },
    },
    async (request) => getAccount(accounts, userIdOf(request)),
  );

  app.patch(
    '/',
    {
      config: session,
      schema: {
        tags,
        summary: 'Change your name or language',
        body: UpdateAccountBodySchema,
        response: { 200: AccountSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => updateAccount(accounts, userIdOf(request), request.body),
  );

  app.post(
    '/password',
    {
      config: session,
      schema: {
        tags,
        summary: 'Change your password (your other sessions end)',
        body: ChangePasswordBodySchema,
        response: { 200: OkSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      await changePassword(
        accounts,
        { userId: userIdOf(request), sessionId: request.ctx.sessionId ?? undefined },
        request.body,
        metaOf(request),
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/2fa/setup',
    {
      config: session,
      schema: {
        tags,
        summary: 'Start two-factor setup: a secret for an authenticator app',
        response: { 200: TwoFactorSetupSchema, ...errors },
      },
    },
    async (request) => setupTwoFactor(accounts, userIdOf(request)),
  );

  app.post(
    '/2fa/enable',
    {
      config: session,
      schema: {
        tags,
        summary: 'Turn two-factor sign-in on with a first code; returns recovery codes once',
        body: TwoFactorCodeBodySchema,
        response: { 200: RecoveryCodesSchema, ...errors },
      },
    },
    async (request) =>
      enableTwoFactor(accounts, userIdOf(request), request.body.code, metaOf(request)),
  );

  app.post(
    '/2fa/disable',
    {
      config: session,
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (password and a code)',
        body: DisableTwoFactorBodySchema,
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      await disableTwoFactor(accounts, userIdOf(request), request.body, metaOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    '/usage',
    {
      config: session,
      schema: {
        tags,
        summary: "Your plan's quotas and what is left of them",
        response: { 200: UsageSchema },
      },
    },
    async (request) => quotaUse(app.limiter, request.ctx.plan, subjectOf(request)),
  );

  app.get(
    '/export',
    {
      config: session,
      schema: {
        tags,
        summary: 'Download everything kept about you as JSON (GDPR)',
        response: { 200: AccountExportSchema },
      },
    },
    async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="digitallz-account.json"');
      return exportAccountData(app.deps.db, userIdOf(request), metaOf(request));
    },
  );

  app.delete(
    '/',
    {
      config: session,
      schema: {
        tags,
        summary: 'Delete your account and everything it owns (final)',
        body: DeleteAccountBodySchema,
        response: { 204: z.null().describe('Deleted'), 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      await deleteAccount(app.deps, userIdOf(request), request.body, metaOf(request));
      clearSessionCookies(reply, app.deps.cookieSecure);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/audit',
    {
      config: session,
      schema: {
        tags,
        summary: 'Security events of your account, newest first',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) =>
      findAuditEvents(accounts.db, { userId: userIdOf(request), ...request.query }),
  );
};

export default routes;
