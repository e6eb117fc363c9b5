// Child servers for benchmarks: spawn on a free loopback port, wait for health, and never leave one behind.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const HOST = '127.0.0.1';

const children = new Set<ChildProcess>();

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export interface Child {
  process: ChildProcess;
  port: number;
  url: string;
  /** Last output lines, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gongkai-bench-${prefix}-`));
}

/** Spawns `node <args>` with a free port; the child is killed on exit of the bench, also on errors. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, port: number): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    port,
    url: `http://${HOST}:${port}`,
    output: () => tail,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

/**
 * Polls GET <url>/healthz until it answers 200; returns the ms since `since` (performance.now()).
 * Bounded by `timeoutMs`; fails early if the child exits.
 */
export async function waitHealthy(child: Child, since: number, timeoutMs = 60_000): Promise<number> {
  const deadline = since + timeoutMs;
  for (let attempt = 0; attempt < 100_000 && performance.now() < deadline; attempt++) {
    if (child.process.exitCode !== null) {
      throw new Error(`server exited with code ${child.process.exitCode} before it was healthy:\n${child.output()}`);
    }
    try {
      const res = await fetch(`${child.url}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`server not healthy within ${timeoutMs} ms:\n${child.output()}`);
}

/** Environment for the real server: SQLite in `dir`, quiet logs, the limiter in the path but never refusing. */
export function gongkaiEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: path.join(dir, 'bench.db'),
    DATA_DIR: dir,
    HOST,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  // One instance: the in-memory limiter store, as a single-node deployment has; no external service in the path.
  delete env.REDIS_URL;
  return env;
}

export interface StartedGongkai extends Child {
  /** ms from spawn to the first 200 from /healthz. */
  startMs: number;
}

export async function startGongkai(dir: string): Promise<StartedGongkai> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnNode([path.join(ROOT, 'bin/gongkai.js'), 'serve', '--seed-demo', '--port', String(port)], gongkaiEnv(dir), port);
  try {
    const startMs = await waitHealthy(child, t0);
    return { ...child, startMs };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

/** The bare node:http baseline answering `bodyFile`'s bytes; `env` may set STATUS and CONTENT_TYPE (bare-server.mjs). */
export async function startBare(bodyFile: string, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnNode([path.join(ROOT, 'bench/bare-server.mjs')], { ...process.env, ...env, PORT: String(port), BODY_FILE: bodyFile }, port);
  try {
    await waitHealthy(child, t0, 10_000);
    return child;
  } catch (err) {
    await child.stop();
    throw err;
  }
}
