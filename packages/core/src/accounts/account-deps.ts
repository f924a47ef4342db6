import type { Db } from '@digitallz/db';
import type { SecretBox } from '../crypto/secret-box';
import type { Mailer } from '../mail/mailer';
import type { AccessTokens } from './access-tokens';

/** What the account use cases need, built once by the API and passed in. */
export type AccountDeps = {
  db: Db;
  clock: () => Date;
  tokens: AccessTokens;
  mailer: Mailer;
  secrets: SecretBox;
  /** The web app's address, for the links in emails. */
  appUrl: string;
};

/** Where a request came from, kept on sessions and in the audit log. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

export const SESSION_DAYS = 30;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
