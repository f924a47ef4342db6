import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, workspaceRoot } from './data-dir';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');

describe('the data folder', () => {
  it('is .data at the repository root, from the sources and from a bundle chunk alike', () => {
    expect(defaultDataDir()).toBe(join(ROOT, '.data'));
    // The API's bundle puts this module in dist/chunks/, a folder deeper than its sources.
    expect(workspaceRoot(join(ROOT, 'apps/api/dist/chunks'))).toBe(ROOT);
    expect(workspaceRoot(join(ROOT, 'apps/worker/dist'))).toBe(ROOT);
  });

  it('is in the working directory outside any workspace', () => {
    const outside = mkdtempSync(join(tmpdir(), 'digitallz-no-workspace-'));
    try {
      expect(workspaceRoot(outside)).toBe(process.cwd());
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
