/** Import rules of the house style: no cycles, and each app or package talks only to what it may. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'web-only-contracts',
      comment: 'The web app talks to the API over HTTP; it never imports core or db.',
      severity: 'error',
      from: { path: '^apps/web' },
      to: { path: '^(packages/(core|db)|apps/(api|worker|cli))' },
    },
    {
      name: 'no-app-imports-another-app',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'routes-use-core-not-db',
      comment: 'Routes are glue: they call use cases of core, which hold the queries.',
      severity: 'error',
      from: { path: '^apps/api/src/routes' },
      to: { path: '^packages/db' },
    },
    {
      name: 'contracts-is-a-leaf',
      severity: 'error',
      from: { path: '^packages/contracts' },
      to: { path: '^(packages/(core|db)|apps)' },
    },
    {
      name: 'sandbox-is-a-leaf',
      comment: 'The simulated market knows no platform code; core may use it for the demo world.',
      severity: 'error',
      from: { path: '^packages/sandbox', pathNot: '\\.test\\.ts$' },
      to: { path: '^(packages/(core|db)|apps)' },
    },
    {
      name: 'db-is-below-core',
      severity: 'error',
      from: { path: '^packages/db' },
      to: { path: '^(packages/core|apps)' },
    },
    {
      name: 'core-not-apps',
      severity: 'error',
      from: { path: '^packages/core' },
      to: { path: '^apps' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.next|\\.data)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
