import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const DEPLOY = fileURLToPath(new URL('../../../../deploy/', import.meta.url));

/** Metric names a PromQL expression selects (a name followed by `{` or `[`), series suffixes dropped. */
export function metricNamesIn(expr: string): string[] {
  const names = [...expr.matchAll(/\b([a-z_][a-z0-9_]*)\s*[{[]/g)].map((m) => m[1] as string);
  const functions = new Set(['rate', 'increase', 'delta', 'sum', 'max', 'avg', 'by']);
  return names
    .filter((n) => !functions.has(n) && n !== 'up')
    .map((n) => n.replace(/_(bucket|count|sum)$/, ''));
}

/** Every metric the alert rules and the Grafana dashboard use. */
export function deployMetricNames(): string[] {
  const rules = parse(readFileSync(`${DEPLOY}prometheus/alerts.yml`, 'utf8')) as {
    groups: { rules: { expr: string }[] }[];
  };
  const dashboard = JSON.parse(
    readFileSync(`${DEPLOY}grafana/dashboards/digitallz.json`, 'utf8'),
  ) as { panels: { targets: { expr: string }[] }[] };
  const exprs = [
    ...rules.groups.flatMap((g) => g.rules.map((r) => r.expr)),
    ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)),
  ];
  return [...new Set(exprs.flatMap(metricNamesIn))].sort();
}

/** The metric families a Prometheus text exposition declares (`# TYPE name ...`). */
export function exposedMetricNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] as string));
}
