import {
  ErrorResponseSchema,
  IdParamsSchema,
  TrackBodySchema,
  TrackedHistorySchema,
  TrackedKeywordsSchema,
  TrackResultSchema,
} from '@digitallz/contracts';
import {
  findTrackedHistory,
  findTrackedKeywords,
  planOf,
  trackKeywords,
  untrackKeyword,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userIdOf } from '../../plugins/app/request-context';

const tags = ['tracking'];
const read = { access: { auth: 'user' as const, scope: 'tracking:read' as const } };
const write = { access: { auth: 'user' as const, scope: 'tracking:write' as const } };
const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };

/** Tracked keywords: `/api/v1/tracking`. Refreshed on the plan's schedule, watched by alert rules. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'Your tracked keywords with their metrics and change since the last alert',
        response: { 200: TrackedKeywordsSchema },
      },
    },
    async (request) => {
      const data = await findTrackedKeywords(db, userIdOf(request));
      const plan = planOf(request.ctx.plan);
      return {
        data,
        used: data.length,
        limit: plan.trackedKeywords,
        refreshHours: plan.trackingRefreshHours,
      };
    },
  );

  app.post(
    '/',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Track keywords (given, every keyword of a list, or of an import) within your plan',
        description:
          'All or nothing: over the plan limit, nothing is tracked (403 PLAN_LIMIT_REACHED). ' +
          'Unknown keywords are listed in `notFound`: search them first, that collects them.',
        body: TrackBodySchema,
        response: { 200: TrackResultSchema, ...errors, 403: ErrorResponseSchema },
      },
    },
    async (request) => {
      const user = { id: userIdOf(request), plan: request.ctx.plan as 'free' };
      const body = request.body;
      return trackKeywords(
        { db, clock },
        user,
        'listId' in body
          ? { listId: body.listId, source: 'list' }
          : 'importId' in body
            ? { importId: body.importId, source: 'import' }
            : { keywords: body.keywords, source: body.source },
      );
    },
  );

  app.get(
    '/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: 'Daily snapshots of a tracked keyword',
        params: IdParamsSchema,
        response: { 200: TrackedHistorySchema, ...errors },
      },
    },
    async (request) => ({
      data: await findTrackedHistory(db, userIdOf(request), request.params.id),
    }),
  );

  app.delete(
    '/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Stop tracking',
        params: IdParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (request, reply) => {
      await untrackKeyword(db, userIdOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
