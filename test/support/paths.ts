import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from either the TypeScript sources or the compiled copy under dist/. */
export const repoRoot = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = resolve(here, '..', '..');
  return up.endsWith('/dist') ? resolve(up, '..') : up;
})();

export const sharedDir = resolve(repoRoot, '..', 'shared');
