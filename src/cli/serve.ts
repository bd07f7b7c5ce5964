// `topstory serve`: the web process (any number of them on PostgreSQL).
import { loadConfig } from '../config.js';
import { openApp } from '../app.js';
import { createWeb, listen } from '../web/server.js';
import { writeLine, type CliCommand } from './command.js';
import { untilSignal } from './signals.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the site (TOPSTORY_HOST, TOPSTORY_PORT)',
  usage: 'serve',
  async run(_args, io) {
    const config = loadConfig(io.env);
    const app = await openApp(config);
    try {
      const { server, url } = await listen(app, createWeb(app), { host: config.host, port: config.port });
      writeLine(io.stdout, `Topstory is serving ${config.siteName} at ${url}`);
      await untilSignal();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return 0;
    } finally {
      await app.close();
    }
  },
};
