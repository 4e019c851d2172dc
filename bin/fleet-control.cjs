#!/usr/bin/env node
// The `fleet-control` command: runs the built CLI (out/main/cli.js), or says how to build it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher, run by Node as is */

const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');

const root = join(__dirname, '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`error: Fleet Control is not built yet (no ${cli}); run \`npm run build\` in ${root} first.\n`);
  process.exit(1);
}
// A command allocates tens of MB in its first half second (loading the core, reading the repository); V8's young
// generation starts at 1 MB and doubles after each scavenge, so a `status` paid ~10 scavenges and a full collection.
// Growing it 16x at a time cuts that to ~4 scavenges and no full collection (the maximum size is unchanged). Set before
// any of the app is compiled, so the code cache below always sees the same flags; V8 versions after 13 are left alone
// in case the flag goes (V8 prints an error for a flag it does not know).
if (Number(process.versions.v8.split('.')[0]) <= 13) setFlagsFromString('--semi-space-growth-factor=16');
// Node 22.1+ keeps the code it compiled on disk (in the system's temporary folder), so the next start skips compiling
// it again; on older Node our own cache (compile-cache.cjs) does the same.
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function') enableCompileCache();
else require('./compile-cache.cjs').useCompileCache(root, cli);
require(cli);
