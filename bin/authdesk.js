#!/usr/bin/env node
// Entry for `npx authdesk`: runs the built CLI, or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/authdesk.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('authdesk: the command is not built yet; run `npm run build` first.\n');
  process.exit(1);
}
await import(pathToFileURL(built).href);
