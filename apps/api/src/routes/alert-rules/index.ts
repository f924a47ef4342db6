import {
  AlertRuleSchema,
  AlertRulesSchema,
  CreateAlertRuleBodySchema,
  ErrorResponseSchema,
  IdParamsSchema,
  UpdateAlertRuleBodySchema,
} from '@digitallz/contracts';
import { createAlertRule, deleteAlertRule, findAlertRules, updateAlertRule } from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userIdOf } from '../../plugins/app/request-context';

const tags = ['alerts'];
const read = { access: { auth: 'user' as const, scope: 'tracking:read' as const } };
const write = { access: { auth: 'user' as const, scope: 'tracking:write' as const } };
const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema };

/** Alert rules: `/api/v1/alert-rules`. Sensible defaults exist from the first tracked keyword. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/',
    {
      config: read,
      schema: { tags, summary: 'Your alert rules', response: { 200: AlertRulesSchema } },
    },
    async (request) => ({ data: await findAlertRules(db, userIdOf(request)) }),
  );

  app.post(
    '/',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a rule, for every tracked keyword or one',
        body: CreateAlertRuleBodySchema,
        response: { 201: AlertRuleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAlertRule(db, userIdOf(request), request.body)),
  );

  app.patch(
    '/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a rule threshold, or turn it on or off',
        params: IdParamsSchema,
        body: UpdateAlertRuleBodySchema,
        response: { 200: AlertRuleSchema, ...errors },
      },
    },
    async (request) => updateAlertRule(db, userIdOf(request), request.params.id, request.body),
  );

  app.delete(
    '/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a rule',
        params: IdParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (request, reply) => {
      await deleteAlertRule(db, userIdOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
