// Process entry point of the `topstory` command.
import { runCli } from './index.js';

const status = await runCli(process.argv.slice(2), {
  stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(),
});
process.exitCode = status;
