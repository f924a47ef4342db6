import { auditLog, type Db } from '@digitallz/db';
import type { RequestMeta } from '../accounts/account-deps';

/** The security events kept in the audit log (the catalog in docs/SECURITY.md). */
export const AUDIT_ACTIONS = [
  'auth.signed_up',
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.signed_out',
  'auth.refresh_reused',
  'auth.email_verified',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.password_changed',
  'auth.2fa_enabled',
  'auth.2fa_disabled',
  'auth.recovery_code_used',
  'api_key.created',
  'api_key.rotated',
  'api_key.revoked',
  'plan.changed',
  'account.exported',
  'account.deleted',
  'admin.user_updated',
  'admin.jobs_retried',
  'marketplace.connected',
  'marketplace.disconnected',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEvent = {
  userId: string | null;
  action: AuditAction;
  target?: { type: string; id: string };
  meta?: RequestMeta;
  /** Never a secret: ids, names, counts. */
  details?: Record<string, unknown>;
};

export async function recordAuditEvent(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    userId: event.userId,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    ip: event.meta?.ip ?? null,
    userAgent: event.meta?.userAgent?.slice(0, 300) ?? null,
    metadata: event.details ?? null,
  });
}
