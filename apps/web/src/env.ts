import 'server-only';
import { z } from 'zod';

const EnvSchema = z.object({
  /** Where the web server reaches the API (server-side fetches). */
  API_URL: z.url().default('http://127.0.0.1:4000'),
  /** Where a browser reaches the API (links to the API docs). */
  PUBLIC_API_URL: z.url().optional(),
});

const parsed = EnvSchema.safeParse(process.env);
if (!parsed.success) {
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`Invalid configuration: ${problems}`);
}

export const env = parsed.data;
