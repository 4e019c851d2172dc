#!/usr/bin/env node
// The `fleet-control` command: runs the built CLI (out/main/cli.js), or says how to build it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher, run by Node as is */

const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`error: Fleet Control is not built yet (no ${cli}); run \`npm run build\` in ${root} first.\n`);
  process.exit(1);
}
// Node 22.1+ keeps the code it compiled on disk (in the system's temporary folder), so the next start skips compiling
// it again; on older Node our own cache (compile-cache.cjs) does the same.
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function') enableCompileCache();
else require('./compile-cache.cjs').useCompileCache(root, cli);
require(cli);
