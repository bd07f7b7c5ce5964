// Runs the real `topstory` CLI from source in a child process, as a user would.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Exit status and output of one CLI invocation. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `topstory ...args` with the given environment additions and standard input. */
export function runTopstory(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, TOPSTORY_LOG_LEVEL: 'silent', ...options.env };
    for (const key of Object.keys(env)) if (key.startsWith('TOPSTORY_') && env[key] === '') delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
