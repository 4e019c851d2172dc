// A git server on loopback for the bench: `git http-backend` as CGI behind node:http, basic auth with one token,
// receive-pack on. (The tests' TypeScript helper does the same with hooks and restarts; the bench needs neither.)

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { GIT_ENV } from './git-cli.mjs';

function splitHeaders(buffer) {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return null;
  const useCrlf = crlf >= 0 && (lf < 0 || crlf < lf);
  const end = useCrlf ? crlf : lf;
  return { head: buffer.subarray(0, end).toString('latin1'), body: buffer.subarray(end + (useCrlf ? 4 : 2)) };
}

function serve(root, token, request, response) {
  const header = request.headers.authorization ?? '';
  const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '';
  if (decoded.slice(decoded.indexOf(':') + 1) !== token) {
    response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="bench"' }).end();
    return;
  }
  const url = new URL(request.url, 'http://127.0.0.1');
  const env = {
    ...GIT_ENV,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: request.method,
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    REMOTE_USER: decoded.slice(0, decoded.indexOf(':')),
    REMOTE_ADDR: '127.0.0.1',
  };
  if (request.headers['content-length']) env.CONTENT_LENGTH = request.headers['content-length'];
  if (request.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = request.headers['content-encoding'];
  if (request.headers['git-protocol']) env.GIT_PROTOCOL = request.headers['git-protocol'];
  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  child.stdin.on('error', () => {});
  request.pipe(child.stdin);
  let pending = Buffer.alloc(0);
  let started = false;
  child.stdout.on('data', (chunk) => {
    if (started) return void response.write(chunk);
    pending = Buffer.concat([pending, chunk]);
    const split = splitHeaders(pending);
    if (!split) return;
    started = true;
    let status = 200;
    for (const line of split.head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else response.setHeader(name, value);
    }
    response.writeHead(status);
    if (split.body.length) response.write(split.body);
  });
  child.stdout.on('end', () => (started ? response.end() : response.writeHead(502).end()));
}

/** Serves the bare repositories under `root` at http://127.0.0.1:<port>/<name>.git; returns {port, url(name), close}. */
export async function startGitServer(root, token) {
  const sockets = new Set();
  const server = createServer((request, response) => serve(root, token, request, response));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: (name) => `http://127.0.0.1:${port}/${name}.git`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
