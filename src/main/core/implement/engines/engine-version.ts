// Reading a CLI's version line (`2.0.31 (Claude Code)`, `codex-cli 0.46.0`) and comparing it with the oldest version
// an adapter supports, so "too old" is a clear problem in settings instead of a run failing on an unknown flag.

/** The first dotted number in a version line, as its parts; null when there is none. */
export function versionParts(line: string): number[] | null {
  const found = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(line);
  return found ? [Number(found[1]), Number(found[2]), Number(found[3] ?? 0)] : null;
}

/** Whether the version in `line` is older than `minimum`; false when the line holds no number (not judged). */
export function olderThan(line: string, minimum: string): boolean {
  const have = versionParts(line);
  const need = versionParts(minimum);
  if (!have || !need) return false;
  for (let i = 0; i < 3; i++) if (have[i] !== need[i]) return have[i]! < need[i]!;
  return false;
}
