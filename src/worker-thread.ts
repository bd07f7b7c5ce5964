// Starting a worker thread on a module of our own, compiled or not.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a thread on the module `name` beside `besideUrl` (the caller's import.meta.url): under tsx
 * (tests, development) the .ts file, compiled the .js. Module hooks are not inherited by worker
 * threads, so under tsx the thread registers tsx itself before it imports the module.
 */
export function startModuleWorker(besideUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const underTsx = besideUrl.endsWith('.ts');
  const url = new URL(`./${name}${underTsx ? '.ts' : '.js'}`, besideUrl);
  if (!underTsx) return new Worker(url, options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
