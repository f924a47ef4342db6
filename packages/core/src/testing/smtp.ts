import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedEmail = { from: string; to: string[]; raw: string };

export type TestSmtpServer = {
  url: string;
  received: ReceivedEmail[];
  /** The next email to `to` (waits up to 5 s). */
  next(to: string): Promise<ReceivedEmail>;
  /** The first URL `?token=` value in an email. */
  tokenIn(email: ReceivedEmail): string;
  close(): Promise<void>;
};

/** A real SMTP server on a free loopback port, keeping every message it receives. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const seen = new Set<ReceivedEmail>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async next(to) {
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const email = received.find((e) => !seen.has(e) && e.to.includes(to));
        if (email) {
          seen.add(email);
          return email;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no email to ${to}`);
    },
    tokenIn(email) {
      // Quoted-printable soft line breaks and '=3D' (=) in the raw message.
      const text = email.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const match = /[?&]token=([\w-]+)/.exec(text);
      if (!match?.[1]) throw new Error('no token in the email');
      return match[1];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
