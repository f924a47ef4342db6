/**
 * npm run build:servers [-- api|worker]
 *
 * Bundles the API and the worker (`apps/<app>/dist/server.mjs`, with source maps): the workspace
 * packages' TypeScript is compiled in, npm dependencies stay imports. Production runs these files
 * with plain `node`: no TypeScript loader at start-up or in memory (the API starts about 60 MB
 * smaller than under tsx). The API's entry is split from the API itself (`dist/chunks/`), which
 * it imports when it runs it: the primary of API_WORKERS loads the entry alone.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

const apps = [
  { name: 'api', entry: 'apps/api/src/server.ts', out: 'apps/api/dist/server.mjs', split: true },
  { name: 'worker', entry: 'apps/worker/src/main.ts', out: 'apps/worker/dist/server.mjs' },
];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !apps.some((app) => app.name === name));
if (unknown.length > 0) {
  process.stderr.write(`build:servers: unknown app ${unknown.join(', ')} (api, worker)\n`);
  process.exit(2);
}

for (const app of apps.filter((a) => only.length === 0 || only.includes(a.name))) {
  const outdir = dirname(app.out);
  // Chunks are named by their content: those of an earlier build go.
  if (app.split) rmSync(`${outdir}/chunks`, { recursive: true, force: true });
  await build({
    entryPoints: [app.entry],
    ...(app.split
      ? {
          outdir,
          splitting: true,
          entryNames: 'server',
          chunkNames: 'chunks/[name]-[hash]',
          outExtension: { '.js': '.mjs' },
        }
      : { outfile: app.out }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-dependencies-external',
        setup(esbuild) {
          // Bare imports stay imports, except the workspace's own packages (TypeScript sources).
          esbuild.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@digitallz/') ? undefined : { external: true },
          );
        },
      },
    ],
  });
  process.stdout.write(`${app.out}\n`);
}
