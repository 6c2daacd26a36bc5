import { openServices } from '../../core/services.js';
import { startHost } from '../../host/server.js';
import { UsageError, type CliCommand } from '../command.js';

export const serveCommands: CliCommand[] = [
  {
    path: ['serve'],
    summary: 'run headless: the same UI on a loopback web server',
    usage: 'serve [--host 127.0.0.1] [--port N]',
    options: { host: { type: 'string' }, port: { type: 'string' } },
    async run(ctx, { values: v }) {
      const host = typeof v.host === 'string' ? v.host : '127.0.0.1';
      const port = v.port === undefined ? 7420 : Number(v.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not ${String(v.port)}`);
      const services = await openServices({ dataDir: ctx.dataDir, transport: 'web' });
      const server = await startHost(services, { host, port });
      if (!['127.0.0.1', 'localhost', '::1'].includes(host)) process.stderr.write(`warning: serving on ${host}: anyone who can reach it and learns the token controls your backups\n`);
      ctx.printJson({ url: server.url, port: server.port, dataDir: ctx.dataDir });
      ctx.print(`Tidemark is serving its UI at ${server.url}\n(data dir ${ctx.dataDir}; Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await services.close();
    },
  },
];
