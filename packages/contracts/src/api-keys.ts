import { z } from 'zod';

export const ApiKeyScopeSchema = z.enum([
  'keywords:read',
  'lists:read',
  'lists:write',
  'batches:read',
  'batches:write',
  'history:read',
  'imports:write',
  'tracking:read',
  'tracking:write',
  'webhooks:manage',
]);
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>;

export const CreateApiKeyBodySchema = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  scopes: z.array(ApiKeyScopeSchema).min(1, 'give at least one scope').max(20),
});
export const RotateApiKeyBodySchema = z.object({
  /** Hours the old key keeps working (0 to 168). */
  overlapHours: z.number().int().min(0).max(168).default(24),
});
export const ApiKeyIdParamsSchema = z.object({ id: z.uuid('id must be an API key id') });

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(ApiKeyScopeSchema),
    status: z.enum(['active', 'revoked', 'expired']),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });
export const CreatedApiKeySchema = ApiKeySchema.extend({
  /** The key itself: shown this once, never again. */
  key: z.string(),
}).meta({ id: 'CreatedApiKey' });
export const ApiKeysSchema = z.object({ data: z.array(ApiKeySchema) });
export const RotatedApiKeySchema = z.object({ previous: ApiKeySchema, next: CreatedApiKeySchema });

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    userId: z.string().nullable(),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditEvent' });
export const AuditQuerySchema = z.object({
  action: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const AuditPageSchema = z.object({
  data: z.array(AuditEventSchema),
  nextCursor: z.string().nullable(),
});
