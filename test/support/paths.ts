import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from either the TypeScript sources or the compiled copies under dist/ and dist-bench/. */
export const repoRoot = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = resolve(here, '..', '..');
  return /\/dist(-bench)?$/.test(up) ? resolve(up, '..') : up;
})();

export const sharedDir = resolve(repoRoot, '..', 'shared');
