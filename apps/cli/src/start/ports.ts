import { createServer } from 'node:net';
import { CliError } from '../env';

/** Fails with a clear message when `port` cannot be bound, before anything is started. */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, host, () => server.close(() => resolve()));
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${code})`;
    throw new CliError(
      `Port ${port} ${reason} (${variable}). Stop the program using it, or pick another port: ` +
        `${variable}=${port + 1} npm start`,
    );
  }
}
