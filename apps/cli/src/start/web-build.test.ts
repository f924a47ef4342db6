import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../env';
import { sourcesHash, WEB_INPUTS } from './web-build';

describe('the web build inputs', () => {
  it('cover every file of the web app in the repository', () => {
    // A file left out (the messages were) leaves `npm start` serving a build made without it.
    const files = execFileSync('git', ['ls-files', 'apps/web'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(10);
    const outside = files.filter(
      (file) => !WEB_INPUTS.some((input) => file === input || file.startsWith(`${input}/`)),
    );
    expect(outside).toEqual([]);
  });

  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('change when a message changes', () => {
    root = mkdtempSync(join(tmpdir(), 'digitallz-web-inputs-'));
    mkdirSync(join(root, 'apps/web/messages'), { recursive: true });
    const messages = join(root, 'apps/web/messages/en.json');
    writeFileSync(messages, '{"lead":"best opportunities first"}');
    const before = sourcesHash(`${root}/`);
    expect(sourcesHash(`${root}/`)).toBe(before);
    writeFileSync(messages, '{"lead":"closest related keywords first"}');
    expect(sourcesHash(`${root}/`)).not.toBe(before);
  });
});
