import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy between the server and PostgreSQL, to make real outages: `cut()` closes the listener (new
 * connections are refused) and destroys every open connection both ways (the server sees its database
 * connections break mid-stream); `open()` listens again on the same port, and the server reconnects by itself.
 * Shared by tests/reliability/outage.test.ts and tests/hardening/outage-load.test.ts.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** A proxy to the database at `databaseUrl`, already listening; `url` is the same database through it. */
  static async to(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
    const database = new URL(databaseUrl);
    const proxy = new TcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
    await proxy.open();
    const throughProxy = new URL(database);
    throughProxy.port = String(proxy.port);
    return { proxy, url: throughProxy.toString() };
  }

  get isOpen(): boolean {
    return this.server?.listening ?? false;
  }

  async open(): Promise<void> {
    if (this.server?.listening) return;
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      // One side closing closes the other: a connection is never left half-open.
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => (this.server?.listening ? this.server.close(resolve) : resolve(undefined)));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
