// Keys that name an object's prototype machinery. JSON.parse keeps "__proto__" as an own key, but copying it onto
// a plain object (as a record schema's output does) changes the copy's prototype and the entry silently vanishes;
// "constructor" and "prototype" shadow what code expects of every object. Input carrying them is refused by name.

export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface Step {
  node: unknown;
  key: string | number | null;
  parent: Step | null;
}

function pathOf(step: Step | null, last: string): Array<string | number> {
  const path: Array<string | number> = [last];
  for (let s = step; s && s.key !== null; s = s.parent) path.push(s.key);
  return path.reverse();
}

/** Where a prototype key sits in parsed JSON (or a structured clone), as a path of keys; null when nowhere. */
export function findPrototypeKey(value: unknown): Array<string | number> | null {
  // Iterative with parent links, so a deeply nested payload neither overflows the stack nor copies paths.
  const stack: Step[] = [{ node: value, key: null, parent: null }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const step = stack.pop()!;
    const node = step.node;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => stack.push({ node: item, key: index, parent: step }));
      continue;
    }
    for (const key of Object.keys(node)) {
      if (PROTOTYPE_KEYS.has(key)) return pathOf(step, key);
      stack.push({ node: (node as Record<string, unknown>)[key], key, parent: step });
    }
  }
  return null;
}

/** "prices.__proto__" or "modules[2].constructor": a path as the manifest's problems are written. */
export function describeKeyPath(path: Array<string | number>): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** The sentence for a refused prototype key, naming it and where it was. */
export function prototypeKeyProblem(path: Array<string | number>): string {
  const key = String(path[path.length - 1]);
  return `${describeKeyPath(path)}: the key "${key}" is not accepted (it names an object's prototype)`;
}
