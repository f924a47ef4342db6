import { z } from 'zod';
import { PlatformSchema } from './platforms';

const secret = (name: string) =>
  z.string().trim().min(8, `${name} looks too short`).max(4_096, `${name} is too long`);

/** What each marketplace needs to be connected with the seller's own account. */
export const ConnectionCredentialsSchemas = {
  etsy: z.object({ etsyApiKey: secret('etsyApiKey') }).strict(),
  ebay: z
    .object({ ebayClientId: secret('ebayClientId'), ebayClientSecret: secret('ebayClientSecret') })
    .strict(),
  amazon: z
    .object({
      spApiAccessToken: secret('spApiAccessToken').optional(),
      adsClientId: secret('adsClientId').optional(),
      adsAccessToken: secret('adsAccessToken').optional(),
      adsProfileId: z.string().trim().min(1).max(64).optional(),
      adsAsin: z
        .string()
        .trim()
        .regex(/^[A-Z0-9]{10}$/, 'adsAsin is a 10-character ASIN')
        .optional(),
    })
    .strict()
    .refine(
      (c) =>
        c.spApiAccessToken || (c.adsClientId && c.adsAccessToken && c.adsProfileId && c.adsAsin),
      {
        message:
          'give spApiAccessToken, or adsClientId, adsAccessToken, adsProfileId and adsAsin (Amazon Ads), or both',
      },
    ),
} as const;

export const ConnectionParamsSchema = z.object({ platform: PlatformSchema });

/** Any one platform's credentials; the route checks them against the platform's own schema. */
export const ConnectionBodySchema = z
  .record(z.string(), z.string())
  .describe(
    'etsy: {etsyApiKey}; ebay: {ebayClientId, ebayClientSecret}; amazon: {spApiAccessToken} and/or ' +
      '{adsClientId, adsAccessToken, adsProfileId, adsAsin}',
  );

export const ConnectionSchema = z
  .object({
    platform: PlatformSchema,
    /** The credential fields that are set (never their values). */
    fields: z.array(z.string()),
    /** The last characters of the first credential, to recognise it. */
    hint: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'MarketplaceConnection' });
export const ConnectionsSchema = z.object({ data: z.array(ConnectionSchema) });
export type Connection = z.infer<typeof ConnectionSchema>;
