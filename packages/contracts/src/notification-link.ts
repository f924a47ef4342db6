const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Where a notification takes its reader in the web app (from the inbox and the emails): the
 * keyword an alert is about (the new keyword, for a new related one), the batch, the imports,
 * the account's plan. Null when its data names none (a test event, one from before its data did).
 */
export function notificationLink(n: { type: string; data: unknown }): string | null {
  if (typeof n.data !== 'object' || n.data === null) return null;
  const data = n.data as Record<string, unknown>;
  if (n.type === 'keyword.alert') {
    const platform = text(data.platform);
    const keyword = data.rule === 'new_related' ? text(data.related) : text(data.keyword);
    if (!platform || !keyword) return null;
    const marketplace = text(data.marketplace) ?? 'US';
    return `/keywords/${encodeURIComponent(platform)}/${encodeURIComponent(keyword)}?marketplace=${encodeURIComponent(marketplace)}`;
  }
  if (n.type === 'batch.completed' || n.type === 'batch.failed') {
    const id = text(data.batchId);
    return id ? `/batches/${encodeURIComponent(id)}` : null;
  }
  if (n.type === 'import.completed' || n.type === 'import.failed') return '/imports';
  if (n.type === 'subscription.changed') return '/account';
  return null;
}
