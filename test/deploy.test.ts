import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { API_HEAP_MB, API_MALLOC_ENV } from '../scripts/lib/api-node-flags';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEPLOY = `${ROOT}deploy/`;
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
// .ci/run installs Debian's prometheus and prometheus-alertmanager: in CI a missing tool fails.
const tool = (name: string) => {
  if (!has(name) && process.env.CI === 'true')
    throw new Error(`${name} is missing (.ci/run installs it from Debian's packages)`);
  return has(name);
};
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: DEPLOY, encoding: 'utf8', stdio: 'pipe' });

describe.runIf(tool('promtool'))('Prometheus configuration (promtool)', () => {
  it('is a valid configuration with valid rules', () => {
    expect(run('promtool', ['check', 'config', 'prometheus/prometheus.yml'])).toContain(
      'SUCCESS: 7 rules found',
    );
  });

  it('fires every alert within a minute in the rule unit tests', () => {
    expect(run('promtool', ['test', 'rules', 'prometheus/alerts.test.yml'])).toContain('SUCCESS');
  });

  it('has a unit test and a runbook section for every alert', () => {
    const alerts = (
      parse(readFileSync(`${DEPLOY}prometheus/alerts.yml`, 'utf8')) as {
        groups: { rules: { alert: string; for: string }[] }[];
      }
    ).groups.flatMap((g) => g.rules);
    const tests = readFileSync(`${DEPLOY}prometheus/alerts.test.yml`, 'utf8');
    const runbook = readFileSync(`${ROOT}docs/OPERATIONS.md`, 'utf8');
    for (const { alert, for: wait } of alerts) {
      expect(tests, alert).toContain(`alertname: ${alert}`);
      expect(runbook, alert).toMatch(new RegExp(`^### ${alert}$`, 'm'));
      // Held at most 30 s: with a 15 s scrape and evaluation, it fires within a minute.
      expect(wait, alert).toMatch(/^\d+s$/);
      expect(Number.parseInt(wait, 10), alert).toBeLessThanOrEqual(30);
    }
  });
});

describe.runIf(tool('amtool'))('Alertmanager configuration (amtool)', () => {
  it('is valid and routes pages, warnings and everything to the webhook', () => {
    expect(run('amtool', ['check-config', 'alertmanager/alertmanager.yml'])).toContain('SUCCESS');
    const routes = (labels: string) =>
      run('amtool', [
        'config',
        'routes',
        'test',
        '--config.file=alertmanager/alertmanager.yml',
        ...labels.split(' '),
      ]).trim();
    expect(routes('alertname=ServiceDown severity=page')).toBe('pager,webhook');
    expect(routes('alertname=BreakerOpen severity=warn')).toBe('team,webhook');
    expect(routes('alertname=Other')).toBe('webhook');
  });
});

type Manifest = { kind: string; metadata: { name: string }; spec: Record<string, unknown> };
const manifests = (): Manifest[] =>
  readdirSync(`${DEPLOY}k8s`)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) =>
      parseAllDocuments(readFileSync(`${DEPLOY}k8s/${f}`, 'utf8')).map((d) => d.toJS() as Manifest),
    );

describe('Kubernetes manifests', () => {
  it('give every container probes, resources and a non-root user', () => {
    const deployments = manifests().filter((m) => m.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['api', 'web', 'worker']);
    for (const d of deployments) {
      const pod = (d.spec.template as { spec: Record<string, unknown> }).spec as {
        securityContext: { runAsNonRoot: boolean };
        containers: Record<string, unknown>[];
      };
      expect(pod.securityContext.runAsNonRoot, d.metadata.name).toBe(true);
      for (const c of pod.containers) {
        expect(c.livenessProbe, d.metadata.name).toBeDefined();
        expect(c.resources, d.metadata.name).toMatchObject({ requests: {}, limits: {} });
      }
    }
  });

  it('autoscale the API on CPU and the workers on the waiting jobs, with disruption budgets', () => {
    const all = manifests();
    const hpa = (name: string) =>
      all.find((m) => m.kind === 'HorizontalPodAutoscaler' && m.metadata.name === name)?.spec as {
        metrics: { type: string }[];
      };
    expect(hpa('api').metrics[0]?.type).toBe('Resource');
    expect(hpa('worker').metrics[0]).toMatchObject({
      type: 'External',
      external: { metric: { name: 'digitallz_queue_waiting' } },
    });
    const budgets = all.filter((m) => m.kind === 'PodDisruptionBudget').map((m) => m.metadata.name);
    expect(budgets.sort()).toEqual(['api', 'web', 'worker']);
  });
});

describe('compose and images', () => {
  it('runs the API with the heap limit and allocator settings its benchmarks measure', () => {
    const dockerfile = readFileSync(`${DEPLOY}docker/api.Dockerfile`, 'utf8');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(cmd.at(-1)).toBe('apps/api/dist/server.mjs');
    expect(cmd).toContain(`--max-old-space-size=${API_HEAP_MB}`);
    for (const [name, value] of Object.entries(API_MALLOC_ENV))
      expect(dockerfile).toMatch(new RegExp(`^ENV ${name}=${value}$`, 'm'));
  });

  it('runs a primary and a replica, Redis, three APIs behind nginx, workers, web and monitoring', () => {
    const compose = parse(readFileSync(`${DEPLOY}compose.yml`, 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'alertmanager',
        'api-1',
        'api-2',
        'api-3',
        'grafana',
        'nginx',
        'postgres',
        'postgres-replica',
        'prometheus',
        'redis',
        'web',
        'worker',
      ].sort(),
    );
    expect(compose.services['api-2']?.environment?.DATABASE_READ_URL).toContain('postgres-replica');
    const nginx = readFileSync(`${DEPLOY}nginx/nginx.conf`, 'utf8');
    for (const api of ['api-1', 'api-2', 'api-3']) expect(nginx).toContain(`server ${api}:4000`);
  });

  it.each(['api', 'worker', 'web'])(
    'builds the %s image in stages, runs it as a non-root user, from files that exist',
    (app) => {
      const dockerfile = readFileSync(`${DEPLOY}docker/${app}.Dockerfile`, 'utf8');
      expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
      expect(dockerfile).toMatch(/^USER node$/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK /m);
      for (const [, source] of dockerfile.matchAll(/^COPY (?!--from)(?:--chown=\S+ )?(\S+)/gm))
        expect(existsSync(`${ROOT}${source}`), `${app}: ${source}`).toBe(true);
    },
  );
});
