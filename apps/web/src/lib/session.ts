import 'server-only';
import { type Account, AccountSchema } from '@digitallz/contracts';
import { cache } from 'react';
import { apiFetch } from './api';

/**
 * The signed-in account, or null for a visitor (or an ended session). Asked of the API once per
 * request, however many components (layout, page) want it.
 */
export const currentAccount = cache(async (): Promise<Account | null> => {
  const result = await apiFetch('/api/v1/account', AccountSchema);
  return result.ok ? result.data : null;
});
