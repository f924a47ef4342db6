import { z } from 'zod';

export const EmailSchema = z
  .string()
  .trim()
  .max(254, 'email must be at most 254 characters')
  .pipe(z.email('email must be an email address'))
  .transform((e) => e.toLowerCase());
/** 10 to 128 characters: long enough to resist guessing, short enough not to load Argon2. */
export const PasswordSchema = z
  .string()
  .min(10, 'password must be at least 10 characters')
  .max(128, 'password must be at most 128 characters');
export const LocaleSchema = z.enum(['en', 'fr']);
export const RoleSchema = z.enum(['user', 'admin']);
export const UserPlanSchema = z.enum(['free', 'pro', 'business']);

export const SignUpBodySchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  displayName: z.string().trim().min(1).max(80).optional(),
  locale: LocaleSchema.optional(),
});
export const SignInBodySchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, 'password is required').max(128),
});
export const TwoFactorSignInBodySchema = z.object({
  challenge: z.string().min(1).max(2_000),
  code: z.string().trim().min(6).max(20),
});
export const TokenBodySchema = z.object({ token: z.string().min(20).max(200) });
export const PasswordResetBodySchema = z.object({ email: EmailSchema });
export const PasswordResetConfirmBodySchema = z.object({
  token: z.string().min(20).max(200),
  password: PasswordSchema,
});
export const RefreshBodySchema = z.object({
  /** Clients without cookies send the refresh token here. */
  refreshToken: z.string().min(20).max(200).optional(),
});

export const AuthSessionSchema = z
  .object({
    status: z.literal('signed-in'),
    userId: z.string(),
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int(),
    refreshToken: z.string(),
    /** Send in the x-csrf-token header with cookie-authenticated writes. */
    csrfToken: z.string(),
  })
  .meta({ id: 'AuthSession' });
export const TwoFactorRequiredSchema = z
  .object({ status: z.literal('two-factor-required'), challenge: z.string() })
  .meta({ id: 'TwoFactorRequired' });
export const SignInResultSchema = z.union([AuthSessionSchema, TwoFactorRequiredSchema]);

export const AccountSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    displayName: z.string().nullable(),
    locale: LocaleSchema,
    role: RoleSchema,
    plan: UserPlanSchema,
    twoFactorEnabled: z.boolean(),
    recoveryCodesLeft: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof AccountSchema>;

export const UpdateAccountBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(80).nullable().optional(),
    locale: LocaleSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give displayName or locale');
export const ChangePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: PasswordSchema,
});

export const TwoFactorSetupSchema = z
  .object({ secret: z.string(), otpauthUrl: z.string() })
  .meta({ id: 'TwoFactorSetup' });
export const TwoFactorCodeBodySchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const RecoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodes' });
export const DisableTwoFactorBodySchema = z.object({
  password: z.string().min(1).max(128),
  code: z.string().trim().min(6).max(20),
});

export const OkSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });

export const PlanSchema = z.object({
  label: z.string(),
  priceMonthlyUsd: z.number(),
  searchesPerDay: z.number().int(),
  trackedKeywords: z.number().int(),
  apiCallsPerMinute: z.number().int(),
  apiCallsPerDay: z.number().int(),
  batchSize: z.number().int(),
  exportRows: z.number().int(),
  /** How often tracked keywords are refreshed, in hours (0: no tracking). */
  trackingRefreshHours: z.number().int(),
});
export const PlansSchema = z.object({
  data: z.object({
    anonymous: PlanSchema,
    free: PlanSchema,
    pro: PlanSchema,
    business: PlanSchema,
  }),
});
export const QuotaUseSchema = z.object({
  limit: z.number().int(),
  remaining: z.number().int(),
  resetSeconds: z.number().int(),
});
export const UsageSchema = z
  .object({
    plan: z.enum(['anonymous', 'free', 'pro', 'business']),
    searchesPerDay: QuotaUseSchema,
    apiCallsPerMinute: QuotaUseSchema,
    apiCallsPerDay: QuotaUseSchema,
  })
  .meta({ id: 'Usage' });

export const AdminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: RoleSchema,
    plan: UserPlanSchema,
    emailVerified: z.boolean(),
    twoFactorEnabled: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'AdminUser' });
export const AdminUsersQuerySchema = z.object({
  email: z.string().trim().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
});
export const AdminUsersPageSchema = z.object({
  data: z.array(AdminUserSchema),
  nextCursor: z.string().nullable(),
});
export const AdminUpdateUserBodySchema = z
  .object({ role: RoleSchema.optional(), plan: UserPlanSchema.optional() })
  .refine((b) => b.role !== undefined || b.plan !== undefined, 'give role or plan');
export const UserIdParamsSchema = z.object({ id: z.uuid('id must be a user id') });
export const QuarantineQuerySchema = z.object({
  platform: z.enum(['amazon', 'etsy', 'ebay']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const QuarantineReportSchema = z.object({
  counts: z.array(
    z.object({ platform: z.string(), operation: z.string(), count: z.number().int() }),
  ),
  recent: z.array(
    z.object({
      id: z.number().int(),
      platform: z.string(),
      operation: z.string(),
      request: z.string(),
      errorCode: z.string(),
      errorMessage: z.string(),
      payload: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

const ExportRowsSchema = z.array(z.record(z.string(), z.unknown()));
export const AccountExportSchema = z
  .object({
    exportedAt: z.string(),
    account: AccountSchema,
    sessions: ExportRowsSchema,
    apiKeys: ExportRowsSchema,
    lists: ExportRowsSchema,
    batches: ExportRowsSchema,
    searches: ExportRowsSchema,
    imports: ExportRowsSchema,
    subscriptions: ExportRowsSchema,
    trackedKeywords: ExportRowsSchema,
    alertRules: ExportRowsSchema,
    notifications: ExportRowsSchema,
    webhooks: ExportRowsSchema,
    marketplaces: ExportRowsSchema,
    auditLog: ExportRowsSchema,
  })
  .meta({ id: 'AccountExport' });
export const DeleteAccountBodySchema = z.object({
  /** Required when the account has a password (not for OAuth-only accounts). */
  password: z.string().max(128).optional(),
  /** Must be "DELETE": deleting is final. */
  confirm: z.literal('DELETE', { error: 'confirm must be "DELETE"' }),
});

export const OAuthProviderParamsSchema = z.object({ provider: z.enum(['google', 'github']) });
export const OAuthStartQuerySchema = z.object({
  /** Where the web app goes after signing in: a path of the app only. */
  returnTo: z
    .string()
    .max(300)
    .regex(/^\/(?!\/)[\w\-./?=&%]*$/, 'returnTo must be a path of the app')
    .default('/'),
});
export const OAuthCallbackQuerySchema = z.object({
  code: z.string().max(2_000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  iss: z.string().max(500).optional(),
});
export const OAuthProvidersSchema = z.object({ data: z.array(z.enum(['google', 'github'])) });

export const CheckoutBodySchema = z.object({ plan: z.enum(['pro', 'business']) });
export const RedirectUrlSchema = z.object({ url: z.string() }).meta({ id: 'RedirectUrl' });
export const BillingSchema = z
  .object({
    configured: z.boolean(),
    plan: UserPlanSchema,
    subscription: z
      .object({
        plan: UserPlanSchema,
        status: z.string(),
        periodEnd: z.string().nullable(),
        cancelAtPeriodEnd: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: 'Billing' });
export const WebhookResultSchema = z.object({
  event: z.string(),
  type: z.string(),
  outcome: z.enum(['applied', 'duplicate', 'stale', 'ignored']),
});

export const FailedJobsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      queue: z.string(),
      error: z.string(),
      attempts: z.number().int(),
      failedAt: z.string().nullable(),
      data: z.unknown(),
    }),
  ),
});
export const RetryFailedJobsBodySchema = z.union([
  z.strictObject({
    /** Job ids as listed, `queue:id` to name one queue's job (BullMQ numbers jobs per queue). */
    ids: z.array(z.string().min(1).max(200)).min(1).max(1_000, 'at most 1,000 ids per replay'),
  }),
  z.strictObject({ all: z.literal(true) }),
]);
export const RetriedJobsSchema = z.object({
  /** The jobs put back in their queues, with all their attempts again. */
  retried: z.array(z.string()),
  /** Ids that are not (or no longer) failed. */
  notFound: z.array(z.string()),
});
export const FailedJobsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
