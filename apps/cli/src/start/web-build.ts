import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CliError, REPO_ROOT } from '../env';

export const WEB_DIR = join(REPO_ROOT, 'apps/web');
export const NEXT_BIN = createRequire(join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');

/** What the production build is made from: a change to any of them rebuilds it. */
export const WEB_INPUTS = [
  'apps/web/src',
  'apps/web/messages',
  'apps/web/next.config.ts',
  'apps/web/postcss.config.mjs',
  'apps/web/package.json',
  'apps/web/tsconfig.json',
  'packages/contracts/src',
  'package-lock.json',
];
const STAMP = join(WEB_DIR, '.next/digitallz-build-hash');

/** Builds the web app for production unless the build on disk was made from the same sources. */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  const hash = sourcesHash();
  if (
    existsSync(join(WEB_DIR, '.next/BUILD_ID')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === hash
  ) {
    log('web app: production build is up to date');
    return;
  }
  log('web app: building for production (first start or changed sources) ...');
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
      cwd: WEB_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) log(`  [web build] ${line}`);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new CliError('The web app failed to build; its output is above.');
  writeFileSync(STAMP, hash);
  log(`web app: built in ${((Date.now() - started) / 1000).toFixed(0)}s`);
}

/** A hash of every file of `WEB_INPUTS` under `root`, with its path. */
export function sourcesHash(root = REPO_ROOT): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(path.slice(root.length)).update(readFileSync(path));
    }
  };
  for (const input of WEB_INPUTS) visit(join(root, input));
  return hash.digest('hex');
}
