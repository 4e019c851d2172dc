// The HTTP plumbing every loopback stand-in of a host's API shares: listen on 127.0.0.1 at a free port, read each
// request's whole body, hand it to the stand-in's handler, write its answer (JSON, or raw bytes), and close with the
// sockets still open. What a host says (routes, auth, error bodies, rate-limit headers) stays in each stand-in.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackRequest {
  method: string;
  /** The request's URL resolved against http://localhost (pathname and searchParams are what a stand-in reads). */
  url: URL;
  headers: IncomingMessage['headers'];
  /** The body as UTF-8 text ('' when there is none). */
  text: string;
}

export interface LoopbackAnswer {
  status: number;
  /** Sent as JSON; absent: an empty body. */
  body?: unknown;
  /** Sent as is instead of `body` (say the Content-Type in `headers`). */
  raw?: Buffer | string;
  /** Over the default Content-Type (application/json; charset=utf-8). */
  headers?: Record<string, string>;
}

export type LoopbackHandler = (request: LoopbackRequest) => LoopbackAnswer | Promise<LoopbackAnswer>;

/** A loopback HTTP server answering every request through one handler. */
export class LoopbackHttp {
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  /** Starts listening on 127.0.0.1 at a free port. */
  static async start(handler: LoopbackHandler): Promise<LoopbackHttp> {
    const server = createServer((request, response) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const url = new URL(request.url ?? '/', 'http://localhost');
        const answer = await handler({ method: request.method ?? 'GET', url, headers: request.headers, text: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers });
        response.end(answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
      })();
    });
    const loopback = new LoopbackHttp(server);
    server.on('connection', (socket) => {
      loopback.sockets.add(socket);
      socket.once('close', () => loopback.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return loopback;
  }

  /** http://127.0.0.1:<port> */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops listening; open (keep-alive) connections are cut so nothing waits on them. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
