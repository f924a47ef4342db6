import {
  DashboardSchema,
  ErrorResponseSchema,
  GlobalTrendsQuerySchema,
  GlobalTrendsSchema,
  SearchHistoryPageSchema,
  SearchHistoryQuerySchema,
} from '@digitallz/contracts';
import { findSearchHistory, getDashboard, getGlobalTrends } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { userIdOf } from '../../plugins/app/request-context';

/** The caller's activity and the market overview: history, dashboard, global trends. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const owner = userIdOf;

  app.get(
    '/history',
    {
      config: { access: { auth: 'user', scope: 'history:read' } },
      schema: {
        tags: ['analytics'],
        summary: 'Your searches, newest first',
        querystring: SearchHistoryQuerySchema,
        response: { 200: SearchHistoryPageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => findSearchHistory(app.deps.db, owner(request), request.query),
  );

  app.get(
    '/dashboard',
    {
      config: { access: { auth: 'user', scope: 'history:read' } },
      schema: {
        tags: ['analytics'],
        summary: 'Recent searches, data per platform, top opportunities, trending, lists, batches',
        response: { 200: DashboardSchema },
      },
    },
    async (request) => getDashboard(app.deps, owner(request)),
  );

  app.get(
    '/trends/global',
    {
      config: { access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['analytics'],
        summary:
          "A platform's demand over the year, rising keywords and next month's seasonal peaks",
        querystring: GlobalTrendsQuerySchema,
        response: { 200: GlobalTrendsSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => getGlobalTrends(app.deps, request.query),
  );
};

export default routes;
