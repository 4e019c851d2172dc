// Packages a JavaScript or TypeScript file imports: import/export-from, side-effect imports, require() and
// import(). Relative paths, aliases and Node's built-in modules are not packages.

import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));
const SPECIFIERS = [
  /\bimport\s+(?:type\s+)?[\w*${}\s,]+?\s+from\s+['"]([^'"\n]+)['"]/g,
  /\bexport\s+(?:type\s+)?[\w*${}\s,]+?\s+from\s+['"]([^'"\n]+)['"]/g,
  /\bimport\s+['"]([^'"\n]+)['"]/g,
  /\brequire\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];
const SCRIPT = /\.(tsx?|jsx?|mjs|cjs|mts|cts|vue|svelte)$/i;

/** True for JavaScript and TypeScript sources (and Vue/Svelte single-file components). */
export function isScript(path: string): boolean {
  return SCRIPT.test(path);
}

/** The package a specifier names ('@scope/pkg' or 'pkg'), or null for relative, absolute, aliased or built-in ones. */
export function packageOf(specifier: string): string | null {
  if (/^(\.|\/|~|#|[a-z]+:)/i.test(specifier) && !specifier.startsWith('node:')) return null;
  if (specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) {
    // '@/components/x' is a common path alias, not a scoped package.
    if (parts.length < 2 || parts[0] === '@' || !parts[1]) return null;
    return `${parts[0]}/${parts[1]}`;
  }
  const name = parts[0]!;
  if (BUILTINS.has(name) || !/^[a-z0-9][a-z0-9._-]*$/i.test(name)) return null;
  return name;
}

/** Package names imported by `text` (each once). */
export function importedPackages(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const name = packageOf(m[1]!);
      if (name) found.add(name);
    }
  }
  return [...found];
}
