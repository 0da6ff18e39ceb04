#!/usr/bin/env node
// Entry point of the `okrbot` command. The TypeScript sources are compiled to dist/ by `npm ci` (prepare).
import { existsSync } from 'node:fs';

// `okrbot … | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'okrbot is not built yet: run `npm ci` (or `npm run build`) in the project folder first.\n',
  );
  process.exit(1);
}
const { main, withDotEnv } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), withDotEnv(process.env, process.cwd()));
