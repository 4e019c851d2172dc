// Where a clone goes when the user picks a parent folder: a new folder named after the repository, as
// `git clone <url>` names it (the last part of the address, without ".git").

/** The folder name `git clone` would use for `url`; null when the address names no repository. */
export function cloneFolderName(url: string): string | null {
  const withoutQuery = url.trim().replace(/[?#].*$/, '');
  // scp-like SSH addresses (git@host:org/repo.git) end the same way as URLs.
  const last = withoutQuery.replace(/[/\\]+$/, '').split(/[/\\:]/).pop() ?? '';
  const name = last.replace(/\.git$/i, '').replace(/[^\w.-]/g, '-');
  return name && name !== '.' && name !== '..' ? name : null;
}

/** `parent` joined with `name` using the platform's separator (Windows paths keep their backslashes). */
export function joinFolder(parent: string, name: string, platform: string): string {
  const separator = platform === 'win32' ? '\\' : '/';
  return `${parent.replace(/[/\\]+$/, '')}${separator}${name}`;
}
