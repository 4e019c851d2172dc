#!/usr/bin/env node
// The `fleet-control` command: runs the built CLI (out/main/cli.js), or says how to build it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher, run by Node as is */

const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`error: Fleet Control is not built yet (no ${cli}); run \`npm run build\` in ${join(__dirname, '..')} first.\n`);
  process.exit(1);
}
require(cli);
