/**
 * A real Prometheus (Debian's `prometheus`) scraping the API and the worker with production's
 * intervals and alert rules (deploy/prometheus/alerts.yml), and a watcher that records when each
 * alert starts pending and firing: how long a fault takes to be detected, measured, not assumed.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@digitallz/core/testing';
import { ROOT, waitOk } from './platform';

type AlertState = 'pending' | 'firing';
type Alert = { labels: { alertname: string; job?: string; platform?: string }; state: AlertState };
/** When an alert was first seen in a state, since the watcher started. */
type Seen = { alert: string; state: AlertState; at: number };

export const prometheusInstalled = () =>
  spawnSync('sh', ['-c', 'command -v prometheus']).status === 0;

export async function startPrometheus(options: { dir: string; api: number; worker: number }) {
  const port = await freePort();
  const dir = join(options.dir, 'prometheus');
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'prometheus.yml');
  // deploy/prometheus/prometheus.yml with this run's targets (no Alertmanager: the watcher reads
  // Prometheus's own view of its alerts).
  writeFileSync(
    config,
    `global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - ${join(ROOT, 'deploy/prometheus/alerts.yml')}
scrape_configs:
  - job_name: digitallz-api
    metrics_path: /metrics
    static_configs:
      - targets: ["127.0.0.1:${options.api}"]
  - job_name: digitallz-worker
    metrics_path: /metrics
    static_configs:
      - targets: ["127.0.0.1:${options.worker}"]
`,
  );
  const server: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  // However the run ends, Prometheus goes with it.
  process.on('exit', () => server.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  await waitOk(`${url}/-/ready`, server);

  const seen: Seen[] = [];
  const active = new Set<string>();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const body = (await fetch(`${url}/api/v1/alerts`)
        .then((r) => r.json())
        .catch(() => null)) as { data?: { alerts?: Alert[] } } | null;
      const now = new Set<string>();
      for (const alert of body?.data?.alerts ?? []) {
        // The job or platform it is about, when it has one (ServiceDown of the API or the worker).
        const about = alert.labels.job ?? alert.labels.platform;
        const name = about ? `${alert.labels.alertname}(${about})` : alert.labels.alertname;
        const key = `${name}:${alert.state}`;
        now.add(key);
        if (!active.has(key)) seen.push({ alert: name, state: alert.state, at: Date.now() });
      }
      active.clear();
      for (const key of now) active.add(key);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  })();

  return {
    /** The alerts that went pending or firing from `from` on, and after how many seconds. */
    since(from: number) {
      const firsts = new Map<string, number>();
      for (const s of seen)
        if (s.at >= from && !firsts.has(`${s.alert} ${s.state}`))
          firsts.set(`${s.alert} ${s.state}`, s.at);
      if (firsts.size === 0) return 'alerts: none went pending or firing';
      return `alerts (Prometheus, 15 s scrape and evaluation, production's rules): ${[...firsts]
        .sort((a, b) => a[1] - b[1])
        .map(([what, at]) => `${what} after ${((at - from) / 1000).toFixed(0)} s`)
        .join(', ')}`;
    },
    async close() {
      watching = false;
      await watcher;
      server.kill('SIGTERM');
    },
  };
}
