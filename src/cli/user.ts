// `topstory user add NAME`: creates an admin; the password is read from standard input.
import { text } from 'node:stream/consumers';
import { withApp } from '../app.js';
import { UsageError } from '../errors.js';
import { createUser } from '../store/users.js';
import { writeLine, type CliCommand } from './command.js';

export const userCommand: CliCommand = {
  name: 'user',
  summary: 'Create an admin user (password from standard input)',
  usage: 'user add NAME',
  positionals: { min: 2, max: 2 },
  async run(args, io) {
    const [action, name] = args.positionals as [string, string];
    if (action !== 'add') throw new UsageError('cli', `unknown user action "${action}"; usage: topstory user add NAME`);
    // The first line of stdin is the password (so `echo secret | topstory user add me` works).
    const password = (await text(io.stdin)).split(/\r?\n/)[0] ?? '';
    if (password === '') throw new UsageError('cli', 'no password on standard input; usage: printf "%s\\n" "$PASSWORD" | topstory user add NAME');
    return withApp(io.env, async (app) => {
      const user = await createUser(app.store, name, password, Date.now());
      writeLine(io.stdout, `created admin user "${user.name}"`);
      return 0;
    });
  },
};
