import {
  ErrorResponseSchema,
  KeywordCompetitionSchema,
  KeywordDetailSchema,
  KeywordParamsSchema,
  KeywordTrendsQuerySchema,
  KeywordTrendsSchema,
  ListingHelpSchema,
  MarketplaceQuerySchema,
  RelatedKeywordsSchema,
  RelatedQuerySchema,
} from '@digitallz/contracts';
import {
  findRelatedKeywords,
  getKeyword,
  getKeywordCompetition,
  getKeywordTrends,
  getListingHelp,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readDeps } from './read-deps';

const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };

/** One keyword on one platform: `/api/v1/keywords/{platform}/{keyword}[/trends|/competition|/related|/listing]`. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:platform/:keyword',
    {
      config: { responseCache: 'keyword', access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'Keyword detail: every estimate with its explanation, and data freshness',
        params: KeywordParamsSchema,
        querystring: MarketplaceQuerySchema,
        response: { 200: KeywordDetailSchema, ...errors },
      },
    },
    async (request) => getKeyword(readDeps(app.deps), { ...request.params, ...request.query }),
  );

  app.get(
    '/:platform/:keyword/trends',
    {
      config: { responseCache: 'keyword', access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'Weekly series, trend and seasonality, and a forecast with 80% and 95% bands',
        params: KeywordParamsSchema,
        querystring: KeywordTrendsQuerySchema,
        response: { 200: KeywordTrendsSchema, ...errors },
      },
    },
    async (request) =>
      getKeywordTrends(readDeps(app.deps), { ...request.params, ...request.query }),
  );

  app.get(
    '/:platform/:keyword/competition',
    {
      config: { responseCache: 'keyword', access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'Competition analysis: top listings, price distribution, seller concentration',
        params: KeywordParamsSchema,
        querystring: MarketplaceQuerySchema,
        response: { 200: KeywordCompetitionSchema, ...errors },
      },
    },
    async (request) =>
      getKeywordCompetition(readDeps(app.deps), { ...request.params, ...request.query }),
  );

  app.get(
    '/:platform/:keyword/related',
    {
      config: { responseCache: true, access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'Related keywords, best first, and the same keywords grouped into topics',
        params: KeywordParamsSchema,
        querystring: RelatedQuerySchema,
        response: { 200: RelatedKeywordsSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) =>
      findRelatedKeywords(readDeps(app.deps), { ...request.params, ...request.query }),
  );

  app.get(
    '/:platform/:keyword/listing',
    {
      config: { responseCache: true, access: { auth: 'optional', scope: 'keywords:read' } },
      schema: {
        tags: ['keywords'],
        summary: 'Listing help: Etsy tags, Amazon search terms and an eBay title for the keyword',
        description:
          'Drawn from the keyword and its related keywords, best opportunity first, within each ' +
          "marketplace's limits (13 tags of 20 characters, 249 bytes of search terms, 80 characters of title).",
        params: KeywordParamsSchema,
        querystring: MarketplaceQuerySchema,
        response: { 200: ListingHelpSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => getListingHelp(readDeps(app.deps), { ...request.params, ...request.query }),
  );
};

export default routes;
