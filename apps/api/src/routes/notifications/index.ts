import {
  ErrorResponseSchema,
  MarkReadBodySchema,
  MarkReadResultSchema,
  NotificationPageSchema,
  NotificationSettingsSchema,
  NotificationsQuerySchema,
} from '@digitallz/contracts';
import {
  findNotifications,
  getNotificationSettings,
  localizeEvent,
  markNotificationsRead,
  updateNotificationSettings,
} from '@digitallz/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestLocale } from '../../lib/request-locale';
import { userIdOf } from '../../plugins/app/request-context';

const tags = ['notifications'];
const read = { access: { auth: 'user' as const, scope: 'tracking:read' as const } };
const write = { access: { auth: 'user' as const, scope: 'tracking:write' as const } };

/** The in-app inbox and email settings: `/api/v1/notifications`. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/',
    {
      config: read,
      schema: {
        tags,
        summary: 'Your notifications, newest first',
        description:
          'Alerts are written in the language `Accept-Language` prefers (English or French; `Content-Language` says which).',
        querystring: NotificationsQuerySchema,
        response: { 200: NotificationPageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const page = await findNotifications(db, userIdOf(request), {
        unreadOnly: request.query.unread,
        before: request.query.before,
        limit: request.query.limit,
      });
      const locale = requestLocale(request, reply);
      return { ...page, data: page.data.map((event) => localizeEvent(event, locale)) };
    },
  );

  app.post(
    '/read',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mark notifications read (all of them without ids)',
        body: MarkReadBodySchema.nullish(),
        response: { 200: MarkReadResultSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => ({
      changed: await markNotificationsRead(db, userIdOf(request), request.body?.ids, clock()),
    }),
  );

  app.get(
    '/settings',
    {
      config: read,
      schema: {
        tags,
        summary: 'How alerts reach you by email',
        response: { 200: NotificationSettingsSchema },
      },
    },
    async (request) => getNotificationSettings(db, userIdOf(request)),
  );

  app.put(
    '/settings',
    {
      config: write,
      schema: {
        tags,
        summary: 'Email alerts: off, immediately, or in a daily or weekly digest',
        body: NotificationSettingsSchema,
        response: { 200: NotificationSettingsSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => updateNotificationSettings(db, userIdOf(request), request.body),
  );
};

export default routes;
