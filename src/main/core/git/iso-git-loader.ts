// isomorphic-git, loaded on first use: reading the board never needs it, and a CLI start stays quick.

type IsoGit = typeof import('isomorphic-git');
let isoGit: Promise<IsoGit> | null = null;

/** The isomorphic-git module (loaded once). */
export function loadIsoGit(): Promise<IsoGit> {
  isoGit ??= import('isomorphic-git').then((m) => ((m as unknown as { default?: IsoGit }).default ?? m) as IsoGit);
  return isoGit;
}
