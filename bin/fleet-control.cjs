#!/usr/bin/env node
// The `fleet-control` command: runs the built CLI (out/main/cli.js), or says how to build it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher, run by Node as is */

const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const main = join(root, 'out', 'main');
const cli = join(main, 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`error: Fleet Control is not built yet (no ${cli}); run \`npm run build\` in ${root} first.\n`);
  process.exit(1);
}

function runCli() {
  // Node 22.1+ keeps the code it compiled on disk (in the system's temporary folder), so the next start skips
  // compiling it again; on older Node our own cache (compile-cache.cjs) does the same.
  const { enableCompileCache } = require('node:module');
  if (typeof enableCompileCache === 'function') enableCompileCache();
  else require('./compile-cache.cjs').useCompileCache(root, cli);
  require(cli);
}

// A push goes to the background helper when one answers (out/main/push-client.js, small); the command line runs
// otherwise, and for everything else.
if (process.argv[2] === 'push') {
  require(join(main, 'push-client.js'))
    .pushThroughHelper(process.argv.slice(2), main)
    .then((code) => code === null && runCli(), runCli);
} else {
  runCli();
}
