// A real git server on loopback for tests and the bench: git's own `git http-backend` run as CGI behind a small
// Node HTTP host, with basic auth (any user name, one token), receive-pack on, and optional hooks that protect
// branches. It can be stopped (sockets cut, CGI children killed) and started again on the same port.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { GIT_ENV, git, makeTempDir } from './git';

export interface GitHttpServerOptions {
  /** Folder holding the served repositories (GIT_PROJECT_ROOT); a new temp folder by default. */
  root?: string;
  /** The password basic auth must carry; null serves without auth. Default 'secret-token'. */
  token?: string | null;
  port?: number;
  /**
   * A careless server: a wrong credential gets a 403 whose body and headers echo the Authorization header, the
   * user:token pair and the token; a push with the right one is refused by a report-status whose `ng` lines (and
   * side-band messages) carry the same.
   */
  echoCredentials?: boolean;
}

export interface BareRepoOptions {
  /** Branches a hook refuses to update, with the message the server prints. */
  protectBranches?: string[];
  /** 'pre-receive' declines the whole push (git's semantics); 'update' declines only the protected refs. */
  hook?: 'pre-receive' | 'update';
  initialBranch?: string;
}

export interface ServedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
}

/** The message the protecting hooks print for a refused branch. */
export const PROTECTED_MESSAGE = 'is protected: changes go through a pull request';

function protectScript(kind: 'pre-receive' | 'update', branches: string[]): string {
  const list = branches.map((b) => `refs/heads/${b}`).join(' ');
  const check = (refVar: string) =>
    `for p in ${list}; do if [ "${refVar}" = "$p" ]; then echo "error: $p ${PROTECTED_MESSAGE}" >&2; exit 1; fi; done`;
  return kind === 'update'
    ? `#!/bin/sh\n${check('$1')}\nexit 0\n`
    : `#!/bin/sh\nwhile read old new ref; do\n${check('$ref')}\ndone\nexit 0\n`;
}

/** Splits CGI output into its header block and the rest; null until the blank line has arrived. */
function splitCgiHeaders(buffer: Buffer): { headers: Buffer; body: Buffer } | null {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return null;
  const useCrlf = crlf >= 0 && (lf < 0 || crlf < lf);
  const end = useCrlf ? crlf : lf;
  return { headers: buffer.subarray(0, end), body: buffer.subarray(end + (useCrlf ? 4 : 2)) };
}

export class GitHttpServer {
  readonly root: string;
  readonly token: string | null;
  /** A token that may read but not push (receive-pack answers 403 as GitHub does without "Contents: write"). */
  readOnly = false;
  readonly echoCredentials: boolean;
  readonly requests: ServedRequest[] = [];
  /** When true, the next receive-pack POST cuts the connection and stops the server (a remote gone mid-push). */
  killOnNextPush = false;
  /**
   * Requests this matches get a 200 and the start of an answer, then nothing more until the server stops: a remote
   * that hangs mid-transfer. `stalled` counts them as they arrive.
   */
  stallWhen: ((method: string, path: string) => boolean) | null = null;
  stalled = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly children = new Set<ChildProcess>();
  private boundPort: number;

  private constructor(options: GitHttpServerOptions) {
    this.root = options.root ?? makeTempDir('fleet-git-server-');
    this.token = options.token === undefined ? 'secret-token' : options.token;
    this.boundPort = options.port ?? 0;
    this.echoCredentials = options.echoCredentials === true;
  }

  /** Starts a server on 127.0.0.1 (a free port unless one is given). */
  static async start(options: GitHttpServerOptions = {}): Promise<GitHttpServer> {
    const server = new GitHttpServer(options);
    await server.listen();
    return server;
  }

  get port(): number {
    return this.boundPort;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** http://127.0.0.1:<port>/<name>.git */
  url(name: string): string {
    return `http://127.0.0.1:${this.boundPort}/${name}.git`;
  }

  /** The same URL with credentials in it, for the git CLI. */
  authUrl(name: string, token = this.token ?? ''): string {
    return `http://git:${token}@127.0.0.1:${this.boundPort}/${name}.git`;
  }

  /** Creates `<root>/<name>.git`, bare, accepting pushes, with optional branch-protecting hooks. */
  createBareRepo(name: string, options: BareRepoOptions = {}): string {
    const dir = join(this.root, `${name}.git`);
    mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q', '--bare', `--initial-branch=${options.initialBranch ?? 'main'}`);
    git(dir, 'config', 'http.receivepack', 'true');
    if (options.protectBranches?.length) {
      const kind = options.hook ?? 'pre-receive';
      const hook = join(dir, 'hooks', kind);
      writeFileSync(hook, protectScript(kind, options.protectBranches));
      chmodSync(hook, 0o755);
    }
    return dir;
  }

  /** Stops serving: open connections are cut and running git processes killed. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const child of this.children) child.kill('SIGKILL');
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Serves again on the same port. */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen();
  }

  private listen(): Promise<void> {
    const server = createServer((request, response) => this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => {
        this.boundPort = (server.address() as AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }

  private authorised(request: IncomingMessage): string | null {
    if (this.token === null) return 'anonymous';
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return null;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon > 0 && decoded.slice(colon + 1) === this.token ? decoded.slice(0, colon) : null;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const record: ServedRequest = { method: request.method ?? 'GET', path: url.pathname, query: url.search.slice(1), status: 0 };
    this.requests.push(record);
    response.on('finish', () => (record.status = response.statusCode));
    const user = this.authorised(request);
    if (this.echoCredentials && request.headers.authorization) {
      if (user === null) return echoRefusal(request, response);
      if (request.method === 'POST' && url.pathname.endsWith('/git-receive-pack')) return void echoReport(request, response);
    }
    if (user !== null && this.readOnly && `${url.pathname}${url.search}`.includes('git-receive-pack')) {
      // GitHub's answer to a token without "Contents: write".
      response.writeHead(403, { 'Content-Type': 'text/plain' });
      response.end(`Permission to ${url.pathname.replace(/^\/|\.git\/.*$/g, '')}.git denied to ${user}.\n`);
      return;
    }
    if (user === null) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fleet test git"', 'Content-Type': 'text/plain' });
      response.end('Authentication required\n');
      return;
    }
    if (this.stallWhen?.(record.method, `${url.pathname}${url.search}`)) {
      this.stalled++;
      request.resume();
      const service = /git-(upload|receive)-pack/.exec(url.pathname + url.search)?.[0] ?? 'git-upload-pack';
      const advertisement = url.pathname.endsWith('/info/refs');
      response.writeHead(200, { 'Content-Type': `application/x-${service}-${advertisement ? 'advertisement' : 'result'}`, 'Cache-Control': 'no-cache' });
      const pkt = (line: string): string => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
      if (advertisement) response.write(`${pkt(`# service=${service}\n`)}0000`);
      else response.flushHeaders();
      return;
    }
    if (this.killOnNextPush && request.method === 'POST' && url.pathname.endsWith('/git-receive-pack')) {
      this.killOnNextPush = false;
      request.socket.destroy();
      void this.stop();
      return;
    }
    this.runBackend(request, response, url, user);
  }

  private runBackend(request: IncomingMessage, response: ServerResponse, url: URL, user: string): void {
    const env: NodeJS.ProcessEnv = {
      ...GIT_ENV,
      GIT_PROJECT_ROOT: this.root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      REMOTE_USER: user,
      REMOTE_ADDR: '127.0.0.1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: 'HTTP/1.1',
    };
    if (request.headers['content-length']) env.CONTENT_LENGTH = request.headers['content-length'];
    if (request.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = request.headers['content-encoding'];
    if (request.headers['git-protocol']) env.GIT_PROTOCOL = String(request.headers['git-protocol']);
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.children.add(child);
    child.on('close', () => this.children.delete(child));
    child.on('error', () => response.destroy());
    child.stdin.on('error', () => undefined);
    request.pipe(child.stdin);
    child.stderr.resume();
    let pending: Buffer = Buffer.alloc(0);
    let headersSent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) return void response.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      const split = splitCgiHeaders(pending);
      if (!split) return;
      headersSent = true;
      let status = 200;
      for (const line of split.headers.toString('latin1').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else response.setHeader(name, value);
      }
      response.writeHead(status);
      if (split.body.length) response.write(split.body);
    });
    child.stdout.on('end', () => {
      if (!headersSent) response.writeHead(502).end('git http-backend sent no headers\n');
      else response.end();
    });
  }
}

/** What a careless server says about a request's credential: the header, the decoded user:token, the token. */
function echoedCredential(request: IncomingMessage): string {
  const header = request.headers.authorization ?? '';
  const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
  const token = decoded.slice(decoded.indexOf(':') + 1);
  return `Authorization: ${header} (${decoded}; token ${token}; url-encoded ${encodeURIComponent(token)})`;
}

function echoRefusal(request: IncomingMessage, response: ServerResponse): void {
  const said = echoedCredential(request);
  response.writeHead(403, { 'Content-Type': 'text/plain', 'X-Echo-Authorization': request.headers.authorization ?? '' });
  response.end(`Forbidden: ${said}\n`);
}

const pkt = (data: string | Buffer): Buffer => {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
};

/** Refuses every ref of a push with report-status `ng` lines (and a side-band message) that echo the credential. */
async function echoReport(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const refs: string[] = [];
  let sideBand = false;
  for (let at = 0; at + 4 <= body.length; ) {
    const length = Number.parseInt(body.toString('ascii', at, at + 4), 16);
    if (!length) break;
    const [command, caps = ''] = body.toString('utf8', at + 4, at + length).split('\0');
    refs.push(command!.trim().split(' ')[2]!);
    sideBand ||= caps.split(' ').includes('side-band-64k');
    at += length;
  }
  const said = echoedCredential(request);
  const report = Buffer.concat([pkt('unpack ok\n'), ...refs.map((ref) => pkt(`ng ${ref} denied to ${said}\n`)), Buffer.from('0000')]);
  response.writeHead(200, { 'Content-Type': 'application/x-git-receive-pack-result', 'Cache-Control': 'no-cache' });
  if (!sideBand) return void response.end(report);
  response.end(Buffer.concat([pkt(Buffer.concat([Buffer.from([2]), Buffer.from(`checked ${said}\n`)])), pkt(Buffer.concat([Buffer.from([1]), report])), Buffer.from('0000')]));
}

/** A web server that is not a git server: every path answers with an HTML page. */
export async function startPlainWebServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Welcome</title><h1>It works!</h1>\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}


/** The git CLI without blocking the event loop: needed whenever git talks to a server running in this process. */
export function gitAsync(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(new Error(`git ${args.join(' ')} failed: ${stderr}`), { stderr, code: error.code }));
      else resolve(stdout.trimEnd());
    });
  });
}
