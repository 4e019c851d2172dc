// `npm run dist`: builds the app (electron-vite) and its installers for this platform with electron-builder
// (electron-builder.yml): macOS dmg + zip (arm64, x64), Windows NSIS (x64, arm64), Linux AppImage + deb, into dist/.
// Signing and notarization follow the credentials in the environment (dist-signing.mjs) and the build says which it
// did. Extra arguments go to electron-builder (`npm run dist -- --publish always`, `-c.publish.owner=...`).

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builderOptions, signingPlan } from './dist-signing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** The app (electron-vite) and the bundled CLI for CI runners (out/runner/, an extra resource of the installers). */
async function build(env) {
  const code = await run([join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], env);
  return code === 0 ? run([join(ROOT, 'scripts', 'build-runner.mjs')], env) : code;
}

const plan = signingPlan(process.platform, process.env);
for (const line of plan.lines) console.log(line);
Object.assign(process.env, plan.env);
process.chdir(ROOT);
// The installers are built from out/, never from a FLEET_OUT_DIR build elsewhere.
let code = await build({ ...process.env, FLEET_OUT_DIR: '' });
if (code === 0) {
  try {
    await require('electron-builder').build(builderOptions(process.argv.slice(2), plan, process.platform));
  } catch (error) {
    console.error(`electron-builder failed: ${error instanceof Error ? error.message : error}`);
    code = 1;
  }
}
if (code === 0) {
  const dist = join(ROOT, 'dist');
  // Installers, and the unpacked folders of a --dir build; not electron-builder's own metadata.
  const built = existsSync(dist) ? readdirSync(dist).filter((name) => !/\.(ya?ml|blockmap)$/.test(name)).map((name) => (statSync(join(dist, name)).isDirectory() ? `${name}/` : name)) : [];
  console.log(`Built in dist/: ${built.join(', ') || 'nothing'}`);
  for (const line of plan.lines) console.log(line);
}
process.exitCode = code;
