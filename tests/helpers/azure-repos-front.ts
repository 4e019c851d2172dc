// One loopback address for an Azure Repos remote, as dev.azure.com is one host: git's smart HTTP (paths holding
// /_git/<repo>/info/refs, git-upload-pack, git-receive-pack) goes to git's http-backend, everything else to the loopback
// Azure DevOps API. Bytes are piped as they come, so packs cross unchanged.

import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const GIT_PATH = /\/_git\/[^/]+\/(info\/refs|git-upload-pack|git-receive-pack)$/;

export class AzureReposFront {
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  /** Listens on 127.0.0.1, forwarding git to `gitPort` and the rest to `apiPort`. */
  static async start(apiPort: number, gitPort: number): Promise<AzureReposFront> {
    const server = createServer((incoming, outgoing) => {
      const path = new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname;
      const port = GIT_PATH.test(path) ? gitPort : apiPort;
      const forward = httpRequest({ host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forward.on('error', () => outgoing.destroy());
      incoming.pipe(forward);
    });
    const front = new AzureReposFront(server);
    server.on('connection', (socket) => {
      front.sockets.add(socket);
      socket.once('close', () => front.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return front;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
