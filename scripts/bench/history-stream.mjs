// Writes the large repository's whole history as a `git fast-import` stream: a main line of 10,000+ commits
// that grows the codebase file by file, feature branches forked and merged back, release branches, and
// binary assets added and replaced over time. Deterministic for a given seed.

import { once } from 'node:events';
import { createRng, seededBytes } from './prng.mjs';
import { planAssets, planFiles, AREAS } from './codebase-layout.mjs';
import { editText, initialText } from './code-text.mjs';

export const HISTORY = {
  mainCommits: 10_200,
  initialFiles: 1_500,
  featureBranches: 64,
  mergedShare: 0.6,
  releaseBranches: 12,
  assetPaths: 28,
  /** Share of asset paths whose file is replaced later in history (a second 2-8 MB version). */
  replacedAssetShare: 0.85,
  startDate: Date.UTC(2021, 0, 4, 9, 0, 0) / 1000,
};

const AUTHORS = ['Ana Silva', 'Ben Carter', 'Chloe Martin', 'Dev Patel', 'Elena Rossi', 'Farid Haddad', 'Grace Kim', 'Hugo Meyer', 'Ines Costa',
  'Jonas Berg', 'Kemi Adeyemi', 'Liam Walsh', 'Mei Chen', 'Nora Lindqvist', 'Omar Aziz', 'Priya Nair', 'Quinn Doyle', 'Rosa Alvarez',
  'Sam Okafor', 'Tara Singh', 'Uma Rao', 'Victor Dubois', 'Wen Li', 'Yara Haddad', 'Zoe Fischer'];
const TYPES = ['feat', 'fix', 'refactor', 'test', 'chore', 'perf', 'docs', 'style'];
const VERBS = ['add', 'fix', 'validate', 'handle', 'rename', 'simplify', 'cache', 'paginate', 'localise', 'guard', 'test', 'tidy'];

/** Buffers the stream; `flush` hands it to the pipe and waits while the pipe is full. */
class StreamWriter {
  constructor(out) {
    this.out = out;
    this.parts = [];
  }
  write(part) {
    this.parts.push(part);
  }
  async flush() {
    const chunk = Buffer.concat(this.parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    this.parts = [];
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

function dataBlock(content) {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return [`data ${bytes.length}\n`, bytes, '\n'];
}

/** Streams the history into `out` (fast-import's stdin); returns counts for the repository's stats. */
export async function writeHistory(out, seed) {
  const rng = createRng(`history:${seed}`);
  const w = new StreamWriter(out);
  const files = planFiles(createRng(`layout:${seed}`));
  const byPath = new Map(files.map((f) => [f.path, f]));
  const assets = planAssets(createRng(`assets:${seed}`), HISTORY.assetPaths);
  const content = new Map(); // path -> text on main
  let mark = 0;
  let time = HISTORY.startDate;
  let commits = 0;
  const branches = [];

  // Files enter the codebase in a shuffled order, the scaffold first; the first slice is the initial commit.
  const pending = files.slice(21);
  for (let i = pending.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [pending[i], pending[j]] = [pending[j], pending[i]];
  }
  pending.unshift(...files.slice(0, 21));
  const live = []; // paths on main, hot ones first
  const assetEvents = new Map(); // main commit index -> asset operations
  const addEvent = (at, event) => assetEvents.set(at, [...(assetEvents.get(at) ?? []), event]);
  assets.forEach((asset, i) => {
    const addedAt = 50 + Math.floor((i / assets.length) * HISTORY.mainCommits * 0.6);
    addEvent(addedAt, { op: 'M', asset, version: 0 });
    if (rng.chance(HISTORY.replacedAssetShare)) addEvent(addedAt + rng.int(500, 3000), { op: 'M', asset, version: 1 });
  });

  const tick = () => {
    time += rng.int(300, 14_400);
    return time;
  };
  const person = (when) => {
    const name = rng.pick(AUTHORS);
    return `${name} <${name.toLowerCase().replace(/[^a-z]+/g, '.')}@fleet.example> ${when} +0000`;
  };
  const header = (ref, message, when, parents) => {
    mark++;
    commits++;
    const who = person(when);
    w.write(`commit ${ref}\nmark :${mark}\nauthor ${who}\ncommitter ${who}\n`);
    for (const part of dataBlock(message)) w.write(part);
    if (parents.from) w.write(`from :${parents.from}\n`);
    if (parents.merge) w.write(`merge :${parents.merge}\n`);
    return mark;
  };
  const modify = (path, text) => {
    w.write(`M 100644 inline ${path}\n`);
    for (const part of dataBlock(text)) w.write(part);
  };
  const message = (path) => {
    const area = path.split('/')[3] ?? 'core';
    const name = path.split('/').pop().replace(/\..*$/, '');
    return `${rng.pick(TYPES)}(${area}): ${rng.pick(VERBS)} ${name}\n`;
  };

  // The initial commit: scaffold and the first slice of the codebase.
  header('refs/heads/main', 'Initial import of the fleet platform\n', tick(), {});
  for (const file of pending.splice(0, HISTORY.initialFiles)) {
    const text = initialText(createRng(`${seed}:${file.path}`), file);
    content.set(file.path, text);
    live.push(file.path);
    modify(file.path, text);
  }
  let mainTip; // the mark of main's latest commit
  const addsPerCommit = pending.length / (HISTORY.mainCommits * 0.8);
  const forkAt = new Map(); // main commit index -> feature branch plans
  for (let b = 0; b < HISTORY.featureBranches; b++) {
    const at = rng.int(200, HISTORY.mainCommits - 50);
    forkAt.set(at, [...(forkAt.get(at) ?? []), b]);
  }
  const mergeAt = new Map(); // main commit index -> {mark, overlay}
  const releaseAt = new Set(Array.from({ length: HISTORY.releaseBranches }, (_, i) => Math.floor(((i + 1) / (HISTORY.releaseBranches + 1)) * HISTORY.mainCommits)));
  const areas = Object.keys(AREAS);

  for (let i = 1; i < HISTORY.mainCommits; i++) {
    const merging = mergeAt.get(i);
    if (merging) {
      for (const feature of merging) {
        header('refs/heads/main', `Merge branch '${feature.name}'\n`, tick(), { merge: feature.mark });
        for (const [path, text] of feature.overlay) {
          content.set(path, text);
          modify(path, text);
        }
      }
    }

    const touched = new Set();
    const edits = rng.int(1, 4);
    for (let e = 0; e < edits; e++) touched.add(rng.pickSkewed(live, 2.2));
    const first = [...touched][0];
    mainTip = header('refs/heads/main', message(first), tick(), {});
    for (const path of touched) {
      const text = editText(rng, byPath.get(path), content.get(path));
      content.set(path, text);
      modify(path, text);
    }
    for (let add = rng.next() < addsPerCommit % 1 ? Math.ceil(addsPerCommit) : Math.floor(addsPerCommit); add > 0 && pending.length; add--) {
      const file = pending.shift();
      const text = initialText(createRng(`${seed}:${file.path}`), file);
      content.set(file.path, text);
      live.splice(rng.int(0, live.length), 0, file.path);
      modify(file.path, text);
    }
    if (i % 150 === 0 && live.length > 2000) {
      // Now and then a file is deleted for good (never the scaffold, which sits at the end of the hot list).
      const victim = live.splice(rng.int(0, live.length - 100), 1)[0];
      content.delete(victim);
      w.write(`D ${victim}\n`);
    }
    for (const event of assetEvents.get(i) ?? []) {
      w.write(`M 100644 inline ${event.asset.path}\n`);
      for (const part of dataBlock(seededBytes(`${seed}:${event.asset.path}:${event.version}`, event.asset.megabytes << 20))) w.write(part);
    }

    if (releaseAt.has(i)) {
      const version = `1.${[...releaseAt].indexOf(i)}`;
      w.write(`reset refs/heads/release/${version}\nfrom :${mainTip}\n\n`);
      branches.push(`release/${version}`);
    }
    for (const b of forkAt.get(i) ?? []) {
      const area = rng.pick(areas);
      const name = `${rng.pick(['feature', 'feature', 'bugfix', 'spike', 'chore'])}/${area}-${rng.pick(VERBS)}-${b}`;
      const overlay = new Map();
      let tip = mainTip;
      let branchTime = time;
      for (let c = rng.int(2, 30); c > 0; c--) {
        branchTime += rng.int(600, 7_200);
        const path = rng.pickSkewed(live, 1.5);
        tip = header(`refs/heads/${name}`, message(path), branchTime, { from: tip });
        const text = editText(rng, byPath.get(path), overlay.get(path) ?? content.get(path));
        overlay.set(path, text);
        modify(path, text);
      }
      branches.push(name);
      const mergeIndex = i + rng.int(20, 400);
      if (rng.chance(HISTORY.mergedShare) && mergeIndex < HISTORY.mainCommits) {
        mergeAt.set(mergeIndex, [...(mergeAt.get(mergeIndex) ?? []), { name, mark: tip, overlay }]);
      }
      // Keep main's dates after the branch's, as a real merge would be.
      time = Math.max(time, branchTime);
    }
    if (i % 200 === 0) await w.flush();
  }
  w.write('done\n');
  await w.flush();
  return { commits, branches: branches.length + 1, files: content.size + assets.length };
}
