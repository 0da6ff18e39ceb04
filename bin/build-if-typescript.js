#!/usr/bin/env node
// `npm ci` in a clone builds dist/; `npm ci --omit=dev` (a production image, whose dist/ was built in an
// earlier stage) has no TypeScript and skips the build instead of failing.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  console.log('okrbot: TypeScript is not installed (production install); using the dist/ already built.');
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
