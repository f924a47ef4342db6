import type { Db } from '@digitallz/db';
import type { SecretBox } from '../crypto/secret-box';
import type { JobQueue } from '../jobs/job-queue';
import type { Mailer } from '../mail/mailer';

/** What sending events needs; built by the API (embedded) or the worker. */
export type NotifyDeps = {
  db: Db;
  clock: () => Date;
  enqueue?: JobQueue['enqueue'];
  mailer: Mailer;
  secrets: SecretBox;
  /** The web app's address, for links in emails and Slack messages. */
  appUrl: string;
  /** Lets endpoints on private and loopback addresses receive webhooks (development, tests). */
  allowPrivateNetworks: boolean;
  fetch?: typeof fetch;
};
