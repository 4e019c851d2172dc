// The file tools of a working copy: list_files, read_file, write_file, edit_file, delete_file, rename_file. Every
// path is judged first (safe-fs.ts); a mistake is a ToolError whose sentence tells the model what to do instead.

import { lstat, readFile, rename, stat, unlink } from 'node:fs/promises';
import picomatch from 'picomatch';
import { showPath } from '../../checkout/safe-path';
import { compareNames } from '../../git/name-bytes';
import { isBinary } from '../working-copy/line-counts';
import { entryAt, judgePath, makeParents, requireInside, requireRealParents, writeNoFollow } from '../working-copy/safe-fs';
import type { ToolContext, ToolResult } from './tool-context';
import { ToolError } from './tool-context';

/** Files larger than this are not read whole by read_file or edit_file. */
const MAX_READ_FILE_BYTES = 16 * 1024 * 1024;

const countLines = (text: string) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

/** list_files: the copy's files (what git would track), optionally filtered by a glob; bounded. */
export async function listFiles(ctx: ToolContext, glob?: string): Promise<ToolResult> {
  const files = await ctx.files();
  const matches = glob ? picomatch(glob.replace(/^\.\//u, ''), { dot: true }) : () => true;
  const paths = [...files.keys()].filter((path) => matches(path)).sort(compareNames);
  if (paths.length === 0) return { content: glob ? `No file matches ${JSON.stringify(glob)}.` : 'The working copy has no files.' };
  const shown = paths.slice(0, ctx.limits.listMaxFiles);
  const cut = paths.length - shown.length;
  const tail = cut > 0 ? `\n… ${cut} more files not shown (${paths.length} in all); narrow the list with a glob such as "src/**".` : `\n(${paths.length} files)`;
  return { content: shown.join('\n') + tail, truncated: cut > 0 };
}

/** The text of a file to read or edit: inside the copy, a file, not binary, not huge. */
async function readText(ctx: ToolContext, rel: string): Promise<{ text: string; path: ReturnType<typeof judgePath> }> {
  const path = judgePath(ctx.dir, rel);
  const real = await requireInside(ctx.dir, path);
  const info = await stat(real);
  if (info.isDirectory()) throw new ToolError(`${showPath(path.rel)} is a folder; list its files with list_files and glob "${path.rel}/**".`);
  if (info.size > MAX_READ_FILE_BYTES) throw new ToolError(`${showPath(path.rel)} is ${info.size} bytes, too large to read whole; use search to find the lines you need.`);
  const bytes = await readFile(real);
  if (isBinary(bytes)) throw new ToolError(`${showPath(path.rel)} is a binary file (${bytes.length} bytes); it cannot be read or edited as text.`);
  return { text: bytes.toString('utf8'), path };
}

/** read_file: lines offset.. of a text file, within the line and byte bounds; says when cut and how to read on. */
export async function readFileTool(ctx: ToolContext, rel: string, offset = 1, limit?: number): Promise<ToolResult> {
  const { text, path } = await readText(ctx, rel);
  const total = countLines(text);
  if (total === 0) return { content: `(${path.rel} is empty)` };
  if (offset > total) throw new ToolError(`${showPath(path.rel)} has ${total} lines; offset ${offset} is past its end.`);
  const wanted = Math.min(limit ?? ctx.limits.readDefaultLines, ctx.limits.readMaxLines);
  const lines = text.split('\n');
  const out: string[] = [];
  let bytes = 0;
  let last = offset - 1;
  while (last < total && out.length < wanted) {
    let line = lines[last]!;
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > ctx.limits.readMaxBytes) {
      if (out.length > 0) break;
      line = `${Buffer.from(line).subarray(0, ctx.limits.readMaxBytes).toString('utf8')} … (line cut at ${ctx.limits.readMaxBytes} bytes)`;
    }
    out.push(line);
    bytes += size;
    last++;
  }
  const whole = offset === 1 && last === total;
  if (whole) return { content: out.join('\n') + (text.endsWith('\n') ? '\n' : '') };
  const more = last < total ? `; read on with offset=${last + 1}` : '';
  return { content: `${out.join('\n')}\n[lines ${offset}-${last} of ${total}${more}]`, truncated: last < total };
}

/** write_file: creates or replaces a file (never through a symlink). */
export async function writeFileTool(ctx: ToolContext, rel: string, content: string): Promise<ToolResult> {
  const size = Buffer.byteLength(content);
  if (size > ctx.limits.writeMaxBytes) throw new ToolError(`The content is ${size} bytes; files of at most ${ctx.limits.writeMaxBytes} bytes are written.`);
  const path = judgePath(ctx.dir, rel);
  const how = await writeNoFollow(ctx.dir, path, content);
  return { content: `${how === 'created' ? 'Created' : 'Replaced'} ${path.rel} (${countLines(content)} lines, ${size} bytes).`, touched: [path.rel] };
}

/** Where `needle` occurs in `text`, overlapping occurrences included (each is a way old_text could be meant). */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** edit_file: replaces the one occurrence of old_text; otherwise says how many there are (and where). */
export async function editFileTool(ctx: ToolContext, rel: string, oldText: string, newText: string): Promise<ToolResult> {
  const path = judgePath(ctx.dir, rel);
  await requireRealParents(ctx.dir, path);
  const info = await entryAt(path);
  if (!info) throw new ToolError(`${showPath(path.rel)} does not exist; create it with write_file.`);
  if (info.isSymbolicLink()) throw new ToolError(`${showPath(path.rel)} is a symbolic link; edit the file it points to instead.`);
  const { text } = await readText(ctx, path.rel);
  let [find, replace] = [oldText, newText];
  let found = occurrences(text, find);
  // A file with Windows line ends: the model's "\n" stands for "\r\n".
  if (found.length === 0 && text.includes('\r\n') && !find.includes('\r')) {
    [find, replace] = [find.replace(/\n/gu, '\r\n'), replace.replace(/\r?\n/gu, '\r\n')];
    found = occurrences(text, find);
  }
  if (found.length === 0) throw new ToolError(`old_text occurs 0 times in ${path.rel}; read the file again and copy the text exactly, whitespace and line ends included.`);
  if (found.length > 1) {
    const lines = found.slice(0, 10).map((at) => lineOf(text, at));
    throw new ToolError(`old_text occurs ${found.length} times in ${path.rel} (starting on lines ${lines.join(', ')}); include more surrounding lines so that it occurs exactly once.`);
  }
  const at = found[0]!;
  const updated = text.slice(0, at) + replace + text.slice(at + find.length);
  if (Buffer.byteLength(updated) > ctx.limits.writeMaxBytes) throw new ToolError(`The edited file would be larger than ${ctx.limits.writeMaxBytes} bytes.`);
  await writeNoFollow(ctx.dir, path, updated);
  return { content: `Edited ${path.rel}: replaced the text starting on line ${lineOf(text, at)}.`, touched: [path.rel] };
}

/** delete_file: removes a file or a symlink itself. */
export async function deleteFileTool(ctx: ToolContext, rel: string): Promise<ToolResult> {
  const path = judgePath(ctx.dir, rel);
  await requireRealParents(ctx.dir, path);
  const info = await entryAt(path);
  if (!info) throw new ToolError(`${showPath(path.rel)} does not exist.`);
  if (info.isDirectory()) throw new ToolError(`${showPath(path.rel)} is a folder; delete the files in it one at a time.`);
  await unlink(path.full);
  return { content: `Deleted ${path.rel}.`, touched: [path.rel] };
}

/** rename_file: moves a file or symlink to a path that does not exist yet. */
export async function renameFileTool(ctx: ToolContext, fromRel: string, toRel: string): Promise<ToolResult> {
  const from = judgePath(ctx.dir, fromRel);
  const to = judgePath(ctx.dir, toRel);
  if (from.rel === to.rel) throw new ToolError(`from and to are the same path (${from.rel}).`);
  await requireRealParents(ctx.dir, from);
  await requireRealParents(ctx.dir, to);
  const info = await entryAt(from);
  if (!info) throw new ToolError(`${showPath(from.rel)} does not exist.`);
  if (info.isDirectory()) throw new ToolError(`${showPath(from.rel)} is a folder; rename_file moves one file at a time.`);
  if (await lstat(to.full).catch(() => null)) throw new ToolError(`${showPath(to.rel)} already exists; delete it first or choose another name.`);
  await makeParents(ctx.dir, to);
  await rename(from.full, to.full);
  return { content: `Renamed ${from.rel} to ${to.rel}.`, touched: [from.rel, to.rel] };
}
