/** Reading an API process's Prometheus metrics from the benchmark and reliability scripts. */
import { get } from 'node:http';

/**
 * The API's /metrics, on a connection of its own: a script that blocks on a load run for minutes
 * may find a pooled keep-alive connection closed by the server meanwhile without noticing, and
 * fetch on it failed ("other side closed") after a long warm-up.
 */
export const readMetrics = (port: number) =>
  new Promise<string>((resolve, reject) => {
    get(`http://127.0.0.1:${port}/metrics`, { agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve(text));
      response.on('error', reject);
    }).on('error', reject);
  });

/**
 * Cache lookups since the API started: hits of any layer, answers served whole by the response
 * cache among them (those never reach the data cache), and the data cache's misses.
 */
export async function cacheLookups(port: number) {
  const text = await readMetrics(port);
  const value = (result: string) =>
    Number(new RegExp(`^cache_lookups\\{result="${result}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hits: value('hit') + value('response_hit'), misses: value('miss') };
}

/** The share of lookups answered from a cache between two readings, in %. */
export const hitRatio = (
  before: { hits: number; misses: number },
  after: { hits: number; misses: number },
) => {
  const hits = after.hits - before.hits;
  const lookups = hits + after.misses - before.misses;
  return { percent: (100 * hits) / Math.max(1, lookups), lookups };
};
