// Starts `topstory demo` as a real child process on a free port and waits for it to print its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** A running demo: its site URL, its stdout so far, and how to stop it. */
export interface DemoProcess {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Runs the demo with its own data folder; resolves once the site is listening. */
export function startDemo(args: string[] = ['--growth-interval', '0'], env: Record<string, string> = {}): Promise<DemoProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'topstory-demo-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main, 'demo', ...args], {
    env: { ...process.env, TOPSTORY_DATA_DIR: dataDir, TOPSTORY_PORT: '0', TOPSTORY_LOG_LEVEL: 'warn', TOPSTORY_DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      const match = /^Site: (http:\/\/\S+?)\/?$/m.exec(out);
      if (match) {
        clearInterval(check);
        resolve({
          url: match[1]!,
          output: () => out,
          async stop() {
            child.kill('SIGTERM');
            const code = await exited;
            rmSync(dataDir, { recursive: true, force: true });
            return code;
          },
        });
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      reject(new Error(`demo exited with ${code} before serving: ${err || out}`));
    });
  });
}
