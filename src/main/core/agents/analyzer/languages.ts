// Language of a file by its name, and its line counts, for the analyzer's lines-of-code table.

const BY_EXTENSION: Record<string, string> = {
  ts: 'TypeScript', tsx: 'TypeScript (JSX)', mts: 'TypeScript', cts: 'TypeScript',
  js: 'JavaScript', jsx: 'JavaScript (JSX)', mjs: 'JavaScript', cjs: 'JavaScript',
  vue: 'Vue', svelte: 'Svelte', py: 'Python', rb: 'Ruby', go: 'Go', rs: 'Rust', java: 'Java', kt: 'Kotlin',
  cs: 'C#', php: 'PHP', swift: 'Swift', c: 'C', h: 'C', cc: 'C++', cpp: 'C++', hpp: 'C++', dart: 'Dart',
  sql: 'SQL', graphql: 'GraphQL', gql: 'GraphQL', prisma: 'Prisma', proto: 'Protocol Buffers',
  css: 'CSS', scss: 'SCSS', sass: 'Sass', less: 'Less', html: 'HTML', htm: 'HTML',
  json: 'JSON', yaml: 'YAML', yml: 'YAML', toml: 'TOML', xml: 'XML',
  md: 'Markdown', mdx: 'MDX', sh: 'Shell', bash: 'Shell', ps1: 'PowerShell',
};

/** 'TypeScript', 'Markdown', ... or 'Other'. */
export function languageOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'Dockerfile') return 'Dockerfile';
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION[name.slice(dot + 1).toLowerCase()]) || 'Other';
}

/** Total lines and non-blank lines of `text` (a final newline does not start another line). */
export function countLines(text: string): { lines: number; nonBlank: number } {
  if (text === '') return { lines: 0, nonBlank: 0 };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let nonBlank = 0;
  for (const line of lines) if (line.trim() !== '') nonBlank++;
  return { lines: lines.length, nonBlank };
}
