/** What an API key may be allowed to do; sessions (the web app) may do all of it. */
export const API_KEY_SCOPES = [
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
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Keys look like `dz_` + 43 URL-safe characters; the prefix shown in lists is the first 11. */
export const API_KEY_PATTERN = /^dz_[\w-]{43}$/;
export const API_KEY_PREFIX_LENGTH = 11;
