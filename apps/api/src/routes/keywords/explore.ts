import {
  CompareQuerySchema,
  ErrorResponseSchema,
  KeywordPageSchema,
  PlatformComparisonSchema,
  PopularExportQuerySchema,
  PopularQuerySchema,
  SuggestionsSchema,
  SuggestQuerySchema,
} from '@digitallz/contracts';
import {
  comparePlatforms,
  exportPopularKeywords,
  findPopularKeywords,
  findSuggestions,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { exportRowsFor, sendExport } from '../../lib/send-export';
import { readDeps } from './read-deps';

/** Lists across keywords: autocomplete, popular and trending, platform comparison. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/suggest',
    {
      config: { responseCache: true, access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'Autocomplete as you type: known keywords starting with q, most searched first',
        querystring: SuggestQuerySchema,
        response: { 200: SuggestionsSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => findSuggestions(readDeps(app.deps), request.query),
  );

  app.get(
    '/popular',
    {
      config: { responseCache: true, access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'Popular, best-opportunity, easiest or trending keywords of a platform',
        description:
          'Filters: minVolume, maxVolume, maxCompetition, maxDifficulty, minOpportunity, ' +
          'minYearlyChange, maxYearlyChange (percent), minWords, maxWords, includes and excludes ' +
          '(comma-separated terms). Pass `nextCursor` back as `cursor`.',
        querystring: PopularQuerySchema,
        response: { 200: KeywordPageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => findPopularKeywords(readDeps(app.deps), request.query),
  );

  app.get(
    '/popular/export',
    {
      config: { access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary:
          'Download popular keywords with the same sort and filters (CSV, XLSX or JSON, streamed)',
        querystring: PopularExportQuerySchema,
        response: { 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const name = `${query.platform}-${query.marketplace}-${query.sort}-keywords`;
      return sendExport(
        reply,
        name,
        format,
        exportPopularKeywords(app.deps.readDb, query, exportRowsFor(request)),
      );
    },
  );

  app.get(
    '/compare',
    {
      config: { access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'One keyword side by side on every platform',
        querystring: CompareQuerySchema,
        response: { 200: PlatformComparisonSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => comparePlatforms(readDeps(app.deps), request.query),
  );
};

export default routes;
