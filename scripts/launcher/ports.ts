/**
 * Before the launcher starts anything: every port it will give a service must be free, or it says which
 * port and, where the OS tells (Linux /proc), which process holds it.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';

export interface PortClaim {
  name: string;
  port: number;
}

/** One line per port already taken; empty when all are free. */
export async function takenPorts(host: string, claims: PortClaim[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { name, port } of claims) {
    const error = await tryListen(host, port);
    if (!error) continue;
    const holder = error === 'EADDRINUSE' ? await holderOf(port) : undefined;
    const reason = error === 'EADDRINUSE' ? 'is already in use' : `cannot be opened (${error})`;
    problems.push(`port ${port} (${name}) ${reason}${holder ? ` by ${holder}` : ''}`);
  }
  return problems;
}

function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** `pid 123 (running in …/subgraphs/orders)` from /proc, or undefined where it cannot be seen. */
async function holderOf(port: number): Promise<string | undefined> {
  try {
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      const lines = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
      for (const line of lines) {
        const fields = line.trim().split(/\s+/);
        const localPort = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
        // State 0A is LISTEN; field 9 is the socket's inode.
        if (localPort === port && fields[3] === '0A' && fields[9]) inodes.add(`socket:[${fields[9]}]`);
      }
    }
    if (!inodes.size) return undefined;
    for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
      const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
      for (const fd of fds) {
        if (!inodes.has(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''))) continue;
        const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
        return `pid ${pid}${cwd ? ` (running in ${cwd})` : ''}`;
      }
    }
  } catch {
    // Not Linux, or /proc is not readable: the port alone is still a clear message.
  }
  return undefined;
}
