import { type Db, queryRows, sql } from '@digitallz/db';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { RequestMeta } from './account-deps';
import { getAccount } from './manage-account';

/**
 * Everything the platform keeps about a user (GDPR art. 15 and 20), as one JSON document:
 * profile, sessions, API keys, lists, batches, searches, imports, subscriptions, tracked keywords,
 * alert rules, notifications, webhook endpoints, connected marketplaces, audit events. Secrets
 * (password hash, TOTP secret, token and key hashes, webhook signing secrets, marketplace
 * credentials) are not part of it.
 */
export async function exportAccountData(db: Db, userId: string, meta: RequestMeta) {
  const rows = (query: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(db, query);
  const [account, sessions, apiKeys, lists, batches, searches, imports, subscriptions, audit] =
    await Promise.all([
      getAccount({ db }, userId),
      rows(sql`select id, ip, user_agent as "userAgent", created_at as "createdAt", last_used_at as "lastUsedAt",
                      expires_at as "expiresAt", revoked_at as "revokedAt", revoked_reason as "revokedReason"
               from auth_sessions where user_id = ${userId} order by created_at`),
      rows(sql`select id, name, prefix, scopes, created_at as "createdAt", last_used_at as "lastUsedAt",
                      expires_at as "expiresAt", revoked_at as "revokedAt"
               from api_keys where user_id = ${userId} order by created_at`),
      rows(sql`select l.id, l.name, l.share_token is not null as shared, l.created_at as "createdAt",
                      coalesce(json_agg(json_build_object('platform', k.platform, 'marketplace', k.marketplace,
                               'keyword', k.keyword, 'addedAt', i.added_at) order by i.added_at)
                               filter (where k.id is not null), '[]') as keywords
               from keyword_lists l
               left join keyword_list_items i on i.list_id = l.id
               left join keyword_data k on k.id = i.keyword_id
               where l.owner_id = ${userId} group by l.id order by l.created_at`),
      rows(sql`select b.id, b.platform, b.marketplace, b.status, b.total, b.created_at as "createdAt",
                      b.finished_at as "finishedAt",
                      (select coalesce(json_agg(i.keyword order by i.position), '[]')
                       from batch_analysis_items i where i.batch_id = b.id) as keywords
               from batch_analyses b where b.owner_id = ${userId} order by b.created_at`),
      rows(sql`select keyword, platform, marketplace, result_count as "resultCount", created_at as "createdAt"
               from keyword_searches where user_id = ${userId} order by created_at`),
      rows(sql`select m.id, m.kind, m.filename, m.marketplace, m.rows_imported as "rowsImported", m.created_at as "createdAt",
                      (select coalesce(json_agg(json_build_object('keyword', r.keyword, 'platform', r.platform,
                               'volume', r.volume) order by r.line), '[]')
                       from imported_metrics r where r.import_id = m.id and m.status = 'completed') as rows
               from keyword_imports m where m.owner_id = ${userId} order by m.created_at`),
      rows(sql`select plan_name as plan, status, period_start as "periodStart", period_end as "periodEnd",
                      cancel_at_period_end as "cancelAtPeriodEnd", created_at as "createdAt"
               from subscriptions where user_id = ${userId} order by created_at`),
      rows(sql`select action, target_type as "targetType", target_id as "targetId", ip, user_agent as "userAgent",
                      metadata as details, created_at as "createdAt"
               from audit_log where user_id = ${userId} order by id`),
    ]);
  const [tracked, alertRules, notifications, webhooks, marketplaces] = await Promise.all([
    rows(sql`select k.platform, k.marketplace, k.keyword, t.source, t.created_at as "createdAt"
             from tracked_keywords t join keyword_data k on k.id = t.keyword_id
             where t.user_id = ${userId} order by t.created_at`),
    rows(sql`select kind, threshold, tracked_keyword_id as "trackedKeywordId", enabled, created_at as "createdAt"
             from alert_rules where user_id = ${userId} order by created_at`),
    rows(sql`select type, title, body, data, created_at as "createdAt", read_at as "readAt"
             from notifications where user_id = ${userId} and type <> 'webhook.test' order by created_at`),
    rows(sql`select kind, url, description, events, enabled, created_at as "createdAt"
             from webhook_endpoints where user_id = ${userId} order by created_at`),
    rows(sql`select platform, fields, hint, created_at as "createdAt", last_used_at as "lastUsedAt"
             from marketplace_connections where user_id = ${userId} order by platform`),
  ]);
  await recordAuditEvent(db, { userId, action: 'account.exported', meta });
  return {
    exportedAt: new Date().toISOString(),
    account,
    sessions,
    apiKeys,
    lists,
    batches,
    searches,
    imports,
    subscriptions,
    trackedKeywords: tracked,
    alertRules,
    notifications,
    webhooks,
    marketplaces,
    auditLog: audit,
  };
}
