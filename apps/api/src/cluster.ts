import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** A worker's request for the metrics of every worker, and the primary's answer (IPC). */
const METRICS_REQUEST = 'digitallz:cluster-metrics';
const METRICS_ANSWER = 'digitallz:cluster-metrics-answer';

type MetricsRequest = { type: typeof METRICS_REQUEST; id: number };
type MetricsAnswer = { type: typeof METRICS_ANSWER; id: number; text?: string; error?: string };

/** How long workers have to finish their requests once told to stop (their own grace is 10 s). */
const STOP_GRACE_MS = 15_000;

/**
 * The primary of `API_WORKERS` API processes: it forks them (each runs server.ts, with the
 * primary's flags), and node:cluster hands the port's connections to them in turn, so a machine's
 * cores all answer requests. It replaces a worker that dies after it started listening; one that
 * dies before (a bad config, the database unreachable at start) stops them all, exit code 1,
 * rather than forking in a loop. SIGTERM or SIGINT: each worker closes gracefully (it finishes
 * its requests in flight), then the primary exits 0 (1 if a worker did not stop cleanly).
 * `/metrics` on any worker answers for all of them (prom-client's AggregatorRegistry: counters
 * and histograms summed).
 */
export function runPrimary(options: { workers: number; logger: Logger }) {
  const { logger } = options;
  const aggregator = new AggregatorRegistry();
  const listening = new WeakSet<Worker>();
  const live = new Set<Worker>();
  let stopping = false;
  let failed = false;

  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    worker.once('listening', () => listening.add(worker));
  };
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping the API workers');
    // SIGTERM only, once: the workers ignore SIGINT (a terminal's Ctrl-C reaches them too, and a
    // second signal would cut their graceful close short).
    for (const worker of live) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error('API workers still running after the grace period: killed');
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    if (stopping) {
      // One still starting (not yet serving) ends on the signal itself: nothing was lost.
      if (code !== 0 && (listening.has(worker) || signal !== 'SIGTERM')) failed = true;
      if (live.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (!listening.has(worker)) {
      logger.error({ code, signal }, 'an API worker failed to start');
      failed = true;
      stop('a worker failed to start');
      return;
    }
    logger.error({ code, signal, pid: worker.process.pid }, 'an API worker died: replaced');
    fork();
  });
  cluster.on('message', (worker, message: MetricsRequest) => {
    if (message?.type !== METRICS_REQUEST) return;
    const answer = (reply: Omit<MetricsAnswer, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: METRICS_ANSWER, id: message.id, ...reply });
    };
    aggregator.clusterMetrics().then(
      (text) => answer({ text }),
      (error: Error) => answer({ error: error.message }),
    );
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < options.workers; i++) fork();
  logger.info({ workers: options.workers }, 'API primary started');
}

/**
 * In a worker: makes `registry` the one the primary aggregates, and returns how to ask the primary
 * for every worker's metrics. Outside a cluster: null.
 */
export function clusterMetrics(registry: Registry) {
  if (!cluster.isWorker) return null;
  new AggregatorRegistry(); // answers the primary's requests for this worker's metrics
  AggregatorRegistry.setRegistries([registry]);
  let next = 0;
  const pending = new Map<number, (answer: MetricsAnswer) => void>();
  process.on('message', (message: MetricsAnswer) => {
    if (message?.type === METRICS_ANSWER) pending.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the API primary did not answer with the metrics'));
      }, 5_000);
      pending.set(id, (answer) => {
        pending.delete(id);
        clearTimeout(timer);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? 'no metrics'));
      });
      process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
    });
}
