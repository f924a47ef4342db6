import type { Platform } from '@digitallz/contracts';
import {
  ErrorResponseSchema,
  KeywordSearchQuerySchema,
  KeywordSearchResponseSchema,
  SearchExportQuerySchema,
} from '@digitallz/contracts';
import { exportSearchKeywords, normalizeKeyword, searchKeywords } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { exportRowsFor, sendExport } from '../../lib/send-export';
import { readDeps } from './read-deps';

/** How many keywords the page held, for the search history (kept with cached answers). */
const RESULT_COUNT = 'x-result-count';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      config: {
        responseCache: true,
        access: { auth: 'optional', scope: 'keywords:read', quota: 'searchesPerDay' },
      },
      schema: {
        tags: ['keywords'],
        summary: 'Search keywords of one platform, most relevant first',
        description:
          'Keywords that start with `q` come first, then keywords containing its words (typos ' +
          'tolerated), ties broken by search volume. Pass `nextCursor` back as `cursor` for the next page. ' +
          'When the keyword itself is unknown, a collection starts and `collection` tells how to follow it.',
        querystring: KeywordSearchQuerySchema,
        response: {
          200: KeywordSearchResponseSchema,
          400: ErrorResponseSchema,
          503: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await searchKeywords(
        {
          ...app.deps,
          onCollectionError: (err) => request.log.warn({ err }, 'collection not started'),
        },
        request.query,
        request.ctx.user?.id,
      );
      reply.header(RESULT_COUNT, String(result.data.length));
      return result;
    },
  );

  app.get(
    '/search/export',
    {
      config: {
        access: { auth: 'optional', scope: 'keywords:read', quota: 'searchesPerDay' },
      },
      schema: {
        tags: ['keywords'],
        summary:
          'Download every match of a search, in its order and with its filters (CSV, XLSX or JSON, streamed)',
        querystring: SearchExportQuerySchema,
        response: { 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const name = `${query.platform}-${query.marketplace}-${normalizeKeyword(query.q).replace(/[^a-z0-9]+/g, '-')}-search`;
      return sendExport(
        reply,
        name,
        format,
        exportSearchKeywords(readDeps(app.deps), query, exportRowsFor(request)),
      );
    },
  );

  // Every first-page search is history, whether answered by the use case or the response cache.
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url !== '/api/v1/keywords/search' || reply.statusCode !== 200) return;
    const query = request.query as {
      q?: string;
      platform?: Platform;
      marketplace?: string;
      cursor?: string;
    };
    if (query.cursor || !query.q || !query.platform) return;
    app.countSearch(query.platform);
    app.deps.history.record({
      userId: request.ctx.user?.id ?? null,
      keyword: normalizeKeyword(query.q),
      platform: query.platform,
      marketplace: (query.marketplace ?? 'US').toUpperCase(),
      resultCount: Number(reply.getHeader(RESULT_COUNT) ?? 0),
      at: app.deps.clock(),
    });
  });
};

export default routes;
