// Malformed calls across every contract method, through the real browser host's WebSocket on loopback, against a
// real initialised workspace: wrong types, missing and extra fields, huge strings, deep nesting, prototype keys,
// broken envelopes, non-JSON, binary and oversized frames. The server stays up, every call is refused by the
// boundary (nothing reaches a handler, nothing is written), and no reply carries a stack trace or an internal path.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import type { z } from 'zod';
import { startBrowserHost, type BrowserHost } from '../../../src/main/server/browser-host';
import { createFleetApp, type FleetApp } from '../../../src/main/core/app';
import { contract } from '../../../src/shared/contract';
import { MAX_WIRE_MESSAGE_BYTES, WS_PATH, type WireResult } from '../../../src/shared/wire';
import { cleanupTempDirs, makeTempDir } from '../../helpers/git';
import { initialisedWorkspace } from '../core/remotes/remote-fixture';
import { connectSocket, makeRendererDir, rawGet, sessionProtocols, signIn } from './host-fixture';

let host: BrowserHost;
let core: FleetApp;
let repo: string;
let appDataDir: string;
let session: string;

beforeAll(async () => {
  repo = (await initialisedWorkspace()).path;
  appDataDir = makeTempDir('fleet-fuzz-appdata-');
  core = createFleetApp({ appDataDir, transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false });
  await core.openWorkspace(repo);
  await core.getBoard();
  host = await startBrowserHost({ app: core, rendererDir: makeRendererDir(), log: () => undefined });
  session = await signIn(host.url);
});
afterAll(async () => {
  await host?.close();
  await core?.dispose();
  cleanupTempDirs();
});

/** Every file and link under `dir` with its size and content hash, sorted: equal listings mean nothing was written. */
function listing(dir: string): string[] {
  const lines: string[] = [];
  const walk = (folder: string, prefix: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const info = lstatSync(path);
      if (info.isDirectory()) walk(path, `${prefix}${name}/`);
      else if (info.isSymbolicLink()) lines.push(`${prefix}${name} -> ${readlinkSync(path)}`);
      else lines.push(`${prefix}${name} ${info.size} ${info.mode.toString(8)} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    }
  };
  walk(dir, '');
  return lines;
}

const methods = Object.keys(contract.methods) as Array<keyof typeof contract.methods>;

function shapeOf(method: keyof typeof contract.methods): Record<string, z.ZodType> {
  return ((contract.methods[method].input as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {}) as Record<string, z.ZodType>;
}

function requiredFields(method: keyof typeof contract.methods): string[] {
  const shape = shapeOf(method);
  return Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success);
}

const HUGE = 'x'.repeat(256 * 1024);
const nestedJson = (depth: number): string => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
// Values no field of any method accepts: the wrong JSON type for a string, number, enum, list or object field.
const WRONG_VALUES: unknown[] = [[[[1]]], { nested: { deep: [true] } }, true, 1.5e308, -7, 'x'.repeat(5000)];

/** The text of every malformed call for one method (each with a fresh id filled in later). */
function malformedInputs(method: keyof typeof contract.methods): string[] {
  const shape = shapeOf(method);
  const fields = Object.keys(shape);
  const inputs: unknown[] = [42, 'text', [], [1, 2, 3], true, { __extra: 1, [`${'k'.repeat(300)}`]: HUGE }];
  for (const wrong of WRONG_VALUES) {
    if (fields.length > 0) inputs.push(Object.fromEntries(fields.map((field) => [field, wrong])));
    for (const field of fields) inputs.push({ [field]: wrong, unexpected: wrong });
  }
  // Every field a quarter-megabyte string: past every length limit, and no slug, id or enum.
  if (fields.length > 0) inputs.push(Object.fromEntries(fields.map((field) => [field, HUGE])));
  if (requiredFields(method).length > 0) inputs.push({});
  // A wrong value can still be right for some field (`true` for a boolean flag such as listEngines' refresh): such an
  // input is a valid call, not a malformed one, so it is left out by the schema's own answer.
  const schema = contract.methods[method].input as unknown as z.ZodType;
  const texts = inputs.filter((input) => !schema.safeParse(input).success).map((input) => JSON.stringify(input));
  // Written as text: JSON.stringify of such objects would hide (or refuse) what a hostile client can send.
  const fieldName = fields[0] ?? 'field';
  texts.push(
    nestedJson(1000),
    `{"${fieldName}": ${nestedJson(2000)}}`,
    `{"__proto__": {"polluted": true}${fields.length ? `, "${fieldName}": 1` : ''}}`,
    `{"constructor": {"prototype": {"polluted": true}}}`,
    `{"${fieldName}": {"__proto__": {"polluted": true}}}`,
    `{"prototype": [1]}`,
  );
  return texts;
}

interface Client {
  socket: WebSocket;
  closed: Promise<number>;
}

async function connect(): Promise<Client> {
  const opened = await connectSocket(`ws://127.0.0.1:${host.port}${WS_PATH}`, { Origin: `http://127.0.0.1:${host.port}` }, sessionProtocols(session));
  if (!('socket' in opened)) throw new Error(`refused with ${opened.refusedWith}`);
  const closed = new Promise<number>((resolve) => opened.socket.once('close', (code) => resolve(code)));
  return { socket: opened.socket, closed };
}

/** Sends `[id, frame text]` pairs over one socket, a batch at a time, and collects the raw reply of each id. */
async function sendCalls(client: Client, calls: Array<[number, string]>): Promise<Map<number, string>> {
  const replies = new Map<number, string>();
  let wake: (() => void) | null = null;
  client.socket.on('message', (data) => {
    const text = String(data);
    const message = JSON.parse(text) as WireResult;
    if (message.type === 'result') replies.set(message.id, text);
    wake?.();
  });
  for (let start = 0; start < calls.length; start += 100) {
    const batch = calls.slice(start, start + 100);
    for (const [, text] of batch) client.socket.send(text);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${batch.filter(([id]) => !replies.has(id)).length} calls`)), 20_000);
      wake = () => {
        if (batch.every(([id]) => replies.has(id))) {
          clearTimeout(timer);
          resolve();
        }
      };
      wake();
    });
  }
  return replies;
}

/** What no reply may carry: stack frames, source locations, this checkout's or the app's folders. */
const leaks = (): RegExp[] => [/\/work\//, /node_modules/, /\n\s*at /, /\bat \S+ \(/, /\.ts:\d+/, /\.js:\d+/, /fleet-fuzz-appdata/, /fleet-ws-/];

describe('the contract under malformed calls over the WebSocket', () => {
  it('refuses 1,000+ of them at the boundary: no handler runs, nothing is written, no reply leaks internals, the server stays up', async () => {
    const repoBefore = listing(repo);
    const appDataBefore = listing(appDataDir);

    const calls: Array<[number, string, string]> = [];
    let id = 0;
    for (const method of methods) {
      for (const input of malformedInputs(method)) {
        id += 1;
        calls.push([id, method, `{"type":"call","id":${id},"method":${JSON.stringify(method)},"input":${input}}`]);
      }
    }
    // Envelopes that name no method of the contract, or name one in the wrong shape.
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'dropDatabase', '', HUGE, 'getBoard ']) {
      id += 1;
      calls.push([id, String(name).slice(0, 20), `{"type":"call","id":${id},"method":${JSON.stringify(name)},"input":{}}`]);
    }
    for (const envelope of ['{"type":"call","method":"getBoard","input":{}, "id": %ID%, "type2": 1}', '{"type":"nonsense","id":%ID%}', '{"type":"call","id":%ID%,"method":42}', '{"type":"call","id":%ID%}']) {
      id += 1;
      calls.push([id, 'envelope', envelope.replace('%ID%', String(id))]);
    }
    expect(calls.length).toBeGreaterThan(1000);

    const client = await connect();
    const replies = await sendCalls(client, calls.map(([callId, , text]) => [callId, text]));
    const accepted: string[] = [];
    for (const [callId, method, text] of calls) {
      const reply = replies.get(callId)!;
      const message = JSON.parse(reply) as WireResult;
      if (message.result.ok) {
        // The one envelope with an extra top-level key is a well-formed call of getBoard: reading is allowed.
        if (method === 'envelope' && text.includes('type2')) continue;
        accepted.push(`${method}: ${text.slice(0, 200)}`);
        continue;
      }
      expect(['INVALID_INPUT', 'UNKNOWN_METHOD'], `${method}: ${text.slice(0, 200)} -> ${reply.slice(0, 300)}`).toContain(message.result.error.code);
      expect(reply.length, `${method}: a bounded reply`).toBeLessThan(16 * 1024);
      for (const leak of leaks()) expect(reply, `${method}: ${leak}`).not.toMatch(leak);
    }
    expect(accepted, 'calls that passed the boundary').toEqual([]);
    client.socket.close();

    // Frames that are not calls at all: each closes its socket with the right code, and the next socket works.
    const frames: Array<[string | Buffer, number]> = [
      ['not json', 1007],
      ['{"type":"call","method":"getBoard","input":{}}', 1007],
      [nestedJson(200_000), 1007],
      ['null', 1007],
      ['[1,2,3]', 1007],
      [Buffer.from([0, 1, 2, 255]), 1003],
      [Buffer.from(`{"type":"call","id":1,"method":"getBoard","input":{}}`), 1003],
      [Buffer.alloc(MAX_WIRE_MESSAGE_BYTES + 1024, 0x20), 1009],
    ];
    for (const [frame, code] of frames) {
      const next = await connect();
      next.socket.send(frame, { binary: Buffer.isBuffer(frame) });
      expect(await next.closed, String(frame).slice(0, 40)).toBe(code);
    }

    // Still up: a new socket answers, the page is served, and nothing on disk changed.
    const last = await connect();
    const answer = await sendCalls(last, [[1, '{"type":"call","id":1,"method":"getAppInfo","input":{}}']]);
    expect(JSON.parse(answer.get(1)!)).toMatchObject({ result: { ok: true, value: { transport: 'browser' } } });
    last.socket.close();
    expect((await rawGet(host.port, '/')).status).toBe(200);
    expect(listing(repo)).toEqual(repoBefore);
    expect(listing(appDataDir)).toEqual(appDataBefore);
    // A few seconds on an idle machine; the limit is for a machine busy with other work.
  }, 120_000);
});
