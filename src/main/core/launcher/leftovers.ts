// Linux: the processes one launch started, found in /proc even after they left its process group with setsid:
// members of its group, descendants of its first process, and any process whose environment carries the launch's
// marker variable. Zombies are already dead and are left to whoever reaps them.

import { readFileSync, readdirSync } from 'node:fs';
import { forEachPaced } from '../pacer';

interface ProcEntry {
  pid: number;
  ppid: number;
  pgrp: number;
}

/** A live process's parent and group from /proc/<pid>/stat, or null when it is gone or a zombie. */
function readStat(pid: number): ProcEntry | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // The command name in parentheses may hold spaces and parentheses itself; the fields after the last ')' do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return null;
  return { pid, ppid: Number(fields[1]), pgrp: Number(fields[2]) };
}

function hasMarker(pid: number, marker: Buffer): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`);
    return environ.indexOf(marker) === 0 || environ.indexOf(Buffer.concat([Buffer.from([0]), marker])) >= 0;
  } catch {
    return false; // another user's process, or gone
  }
}

/** Live processes of the launch whose first process is `rootPid` (its group id too) and whose marker is `NAME=value`. */
export function launchProcesses(rootPid: number, marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const entries: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    const entry = procEntry(name);
    if (entry) entries.push(entry);
  }
  const found = membersOf(entries, rootPid);
  const markerBytes = Buffer.from(`${marker}\0`);
  for (const entry of entries) if (!found.has(entry.pid) && hasMarker(entry.pid, markerBytes)) found.add(entry.pid);
  return [...found];
}

/**
 * launchProcesses with the event loop free between reads: a scan reads two files per process on the machine (tens
 * of milliseconds on a busy one), and every launch that ends is scanned twice.
 */
export async function launchProcessesPaced(rootPid: number, marker: string): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const entries: ProcEntry[] = [];
  await forEachPaced(readdirSync('/proc'), (name) => {
    const entry = procEntry(name);
    if (entry) entries.push(entry);
  });
  const found = membersOf(entries, rootPid);
  const markerBytes = Buffer.from(`${marker}\0`);
  await forEachPaced(entries, (entry) => void (!found.has(entry.pid) && hasMarker(entry.pid, markerBytes) && found.add(entry.pid)));
  return [...found];
}

/** The live process a /proc entry names (not this process), or null. */
function procEntry(name: string): ProcEntry | null {
  const pid = Number(name);
  if (!Number.isInteger(pid) || pid === process.pid) return null;
  return readStat(pid);
}

/** The launch's group and every descendant of its first process. */
function membersOf(entries: ProcEntry[], rootPid: number): Set<number> {
  const found = new Set<number>();
  for (const entry of entries) if (entry.pid === rootPid || entry.pgrp === rootPid) found.add(entry.pid);
  // Descendants: repeat until no new child is found (parents may be listed after their children).
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of entries) {
      if (!found.has(entry.pid) && found.has(entry.ppid)) {
        found.add(entry.pid);
        grew = true;
      }
    }
  }
  return found;
}
