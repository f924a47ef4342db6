import {
  AdminUpdateUserBodySchema,
  AdminUserSchema,
  AdminUsersPageSchema,
  AdminUsersQuerySchema,
  AuditPageSchema,
  AuditQuerySchema,
  ErrorResponseSchema,
  FailedJobsQuerySchema,
  FailedJobsSchema,
  QuarantineQuerySchema,
  QuarantineReportSchema,
  RetriedJobsSchema,
  RetryFailedJobsBodySchema,
  UsageSchema,
  UserIdParamsSchema,
} from '@digitallz/contracts';
import {
  findAuditEvents,
  findQuarantined,
  findUsers,
  getUserAsAdmin,
  retryFailedJobs,
  updateUserAsAdmin,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { quotaUse } from '../../plugins/app/quotas';
import { metaOf, userIdOf } from '../../plugins/app/request-context';

const tags = ['admin'];
const admin = { access: { auth: 'admin' as const } };

/** Administration: users, their plans and quota use, the whole audit log, failed jobs, quarantined payloads. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Users, filtered by email',
        querystring: AdminUsersQuerySchema,
        response: { 200: AdminUsersPageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) =>
      findUsers(app.deps.db, {
        email: request.query.email,
        limit: request.query.limit,
        after: request.query.cursor,
      }),
  );

  app.get(
    '/users/:id/usage',
    {
      config: admin,
      schema: {
        tags,
        summary: "A user's plan quotas and what is left of them today",
        params: UserIdParamsSchema,
        response: { 200: UsageSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const user = await getUserAsAdmin(app.deps.db, request.params.id);
      return quotaUse(app.limiter, user.plan, `user:${user.id}`);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: "Change a user's role or plan",
        params: UserIdParamsSchema,
        body: AdminUpdateUserBodySchema,
        response: {
          200: AdminUserSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request) =>
      updateUserAsAdmin(
        app.deps,
        { id: userIdOf(request), meta: metaOf(request) },
        request.params.id,
        request.body,
      ),
  );

  app.get(
    '/audit',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Security events of every account',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => findAuditEvents(app.deps.db, { userId: null, ...request.query }),
  );

  app.get(
    '/jobs/failed',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Jobs that ran out of attempts (collections, batches, computations)',
        querystring: FailedJobsQuerySchema,
        response: { 200: FailedJobsSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => ({ data: await app.deps.jobs.failedJobs(request.query.limit) }),
  );

  app.post(
    '/jobs/failed/retry',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Replay failed jobs with all their attempts: the given ids, or all of them',
        body: RetryFailedJobsBodySchema,
        response: { 200: RetriedJobsSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) =>
      retryFailedJobs(app.deps, { id: userIdOf(request), meta: metaOf(request) }, request.body),
  );

  app.get(
    '/quarantine',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Marketplace payloads that failed validation, by platform and operation',
        querystring: QuarantineQuerySchema,
        response: { 200: QuarantineReportSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const report = await findQuarantined(app.deps, request.query);
      return {
        counts: report.counts,
        recent: report.recent.map((r) => ({
          id: r.id,
          platform: r.platform,
          operation: r.operation,
          request: r.request,
          errorCode: r.errorCode,
          errorMessage: r.errorMessage,
          payload: r.payload ? r.payload.slice(0, 2_000) : null,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
};

export default routes;
