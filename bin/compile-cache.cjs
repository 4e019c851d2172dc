// A V8 code cache for the command line on Node versions without module.enableCompileCache (before 22.1). Each CommonJS
// file of the app (out/main and the app's own node_modules) is compiled with the code V8 kept from an earlier run, so a
// command skips most of compiling its modules. The cache of a file is taken when the process exits, after the command
// ran, so it also holds the functions the command compiled on the way (v8-compile-cache takes it straight after the
// top level is compiled, and gained a third as much); `node scripts/bench/cli-section.mjs` measures the gain.
//
// The cache lives in a folder only this user can write (code read from it runs in this process): a folder that is a
// link, someone else's, or writable by others is not used. One subfolder per build of the app (named after the build's
// cli.js), the older ones removed when a new build first runs; in it one file per source file, named after its path,
// inode, size, modification and change times, written whole and then renamed into place. The change time is what makes
// that safe without hashing every file on every start: V8 checks only the length, npm gives every installed file the
// same modification time, but any write (or a time set back) moves the change time. V8 itself refuses data made by
// another V8 or with other flags; a refused file is written again. The entry (cli.js) is left out: it is small.
// Anything failing here only means the command compiles as it would without a cache. NODE_DISABLE_COMPILE_CACHE=1
// turns it off and NODE_COMPILE_CACHE moves it, as for Node's own.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded by the launcher before anything else */

const Module = require('node:module');
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

/** FNV-1a of a short string (a path), as 8 hex digits. */
function shortHash(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The user's own cache folder, created if missing; null when it is not safe to read code from. */
function privateFolder(root) {
  try {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(root);
    if (!stat.isDirectory()) return null;
    if (process.platform !== 'win32') {
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return null;
      if ((stat.mode & 0o022) !== 0) return null;
    }
    return root;
  } catch {
    return null;
  }
}

/** This build's subfolder; the folders of this app's earlier builds are removed when it is first made. */
function buildFolder(root, appRoot, buildStamp) {
  const prefix = `${shortHash(appRoot)}-`;
  const folder = path.join(root, `${prefix}${buildStamp}`);
  if (fs.existsSync(folder)) return folder;
  for (const name of fs.readdirSync(root)) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
  fs.mkdirSync(folder, { mode: 0o700 });
  return folder;
}

/** The function Node gives a module as `require` (what the CommonJS loader's makeRequireFunction builds). */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Compiles the app's CommonJS files under `appRoot` with a code cache from now on. `cli` is the built entry (its size
 * and time name the build). Returns what it has done so far (the folder, files compiled from the cache, files whose
 * cache is written at exit), or null when the cache cannot be used here.
 */
function useCompileCache(appRoot, cli) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return null;
  if (typeof Module.prototype._compile !== 'function' || typeof Module.wrap !== 'function') return null;
  let folder;
  try {
    const uid = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
    const root = privateFolder(process.env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), `fleet-control-compile-cache${uid}`));
    const stat = fs.statSync(cli);
    folder = root && buildFolder(root, appRoot, `${process.versions.v8}-${stat.size}-${Math.trunc(stat.mtimeMs)}`);
  } catch {
    folder = null;
  }
  if (!folder) return null;

  const inApp = appRoot + path.sep;
  const toWrite = [];
  const stats = { folder, fromCache: 0, toWrite: 0 };
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename, format) {
    // A file with import() keeps Node's own compile: a vm.Script would need Node's experimental default-loader option,
    // which warns on stderr, and loses the import callback when V8 takes the script from the cache. So does an ES module
    // loaded by require() (Node says 'module', or finds import/export syntax in a file it took for CommonJS).
    const ours =
      (format === undefined || format === 'commonjs') &&
      filename.startsWith(inApp) &&
      filename !== cli &&
      /\.c?js$/.test(filename) &&
      !content.startsWith('#!') &&
      !/\bimport\s*[(/]/.test(content);
    if (!ours) return compile.call(this, content, filename, format);
    let entry;
    let cachedData;
    try {
      const stat = fs.statSync(filename, { bigint: true });
      entry = path.join(folder, `${shortHash(filename)}-${stat.ino}-${stat.size}-${stat.mtimeNs}-${stat.ctimeNs}`);
      cachedData = fs.readFileSync(entry);
    } catch {
      cachedData = undefined;
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      return compile.call(this, content, filename, format);
    }
    if (entry && (cachedData === undefined || script.cachedDataRejected)) stats.toWrite = toWrite.push({ entry, script });
    else if (entry) stats.fromCache++;
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };

  process.once('exit', () => {
    for (const { entry, script } of toWrite) {
      const partial = `${entry}.${process.pid}.partial`;
      try {
        fs.writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(partial, entry);
      } catch {
        try {
          fs.rmSync(partial, { force: true });
        } catch {
          // Left for the next build's clean-up.
        }
      }
    }
  });
  return stats;
}

module.exports = { useCompileCache };
