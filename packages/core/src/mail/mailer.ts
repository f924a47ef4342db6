import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export type Email = { to: string; subject: string; text: string; html: string };

export type Mailer = {
  send(email: Email): Promise<void>;
  close(): void;
};

export type CreateMailerOptions = {
  /** `smtp://user:pass@host:port` or `smtps://...`; without it, emails go to `outboxDir`. */
  smtpUrl?: string;
  from: string;
  /** Where emails are written as .eml files when no SMTP server is configured (development). */
  outboxDir?: string;
};

/** Sends through SMTP (nodemailer); in embedded mode writes each email to the outbox folder. */
export function createMailer(options: CreateMailerOptions): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(email) {
        await transport.sendMail({ from: options.from, ...email });
      },
      close: () => transport.close(),
    };
  }
  const outbox = options.outboxDir;
  if (!outbox) throw new Error('a mailer needs an SMTP URL or an outbox folder');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  let sequence = 0;
  return {
    async send(email) {
      const info = await transport.sendMail({ from: options.from, ...email });
      await mkdir(outbox, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${++sequence}.eml`;
      await writeFile(join(outbox, name), info.message as Buffer, { mode: 0o600 });
    },
    close: () => transport.close(),
  };
}
