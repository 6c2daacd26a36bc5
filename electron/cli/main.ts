// `tidemark …`: global options, command lookup, exit codes (0 ok, 1 failure, 2 bad usage).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultDataDir } from '../core/paths.js';
import { UsageError, type CliCommand } from './command.js';
import { allCommands } from './commands/index.js';
import { createContext } from './context.js';

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usage(commands: CliCommand[]): string {
  const lines = commands.map((c) => `  tidemark ${c.usage}\n      ${c.summary}`);
  return `usage: tidemark [--data-dir DIR] [--json] COMMAND …\n\ncommands:\n${lines.join('\n')}\n`;
}

/** Longest match of command words, e.g. `workload add` before `workload`. */
function findCommand(words: string[], commands: CliCommand[]): CliCommand | undefined {
  return [...commands].sort((a, b) => b.path.length - a.path.length).find((c) => c.path.every((w, i) => words[i] === w));
}

export async function main(argv: string[]): Promise<number> {
  const commands = allCommands();
  let global;
  try {
    // Global options may appear anywhere; command options are parsed again by the command.
    global = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const words = global.positionals;
  if (global.values.help || words.length === 0) {
    process.stdout.write(usage(commands));
    return words.length === 0 && !global.values.help ? 2 : 0;
  }
  const cmd = findCommand(words, commands);
  if (!cmd) {
    process.stderr.write(`error: unknown command "${words.slice(0, 2).join(' ')}" (tidemark --help lists them)\n`);
    return 2;
  }
  const json = global.values.json === true;
  const dataDir = resolve(typeof global.values['data-dir'] === 'string' ? global.values['data-dir'] : defaultDataDir());
  const ctx = createContext({ dataDir, json });
  try {
    let args;
    try {
      const parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...(cmd.options ?? {}) }, strict: true, allowPositionals: true });
      const positionals = parsed.positionals.slice(cmd.path.length);
      const [min, max] = cmd.positionals ?? [0, 0];
      if (positionals.length < min || positionals.length > max) throw new UsageError(`expected ${min === max ? min : `${min}–${max}`} argument(s)`);
      args = { values: parsed.values, positionals };
    } catch (e) {
      throw new UsageError(`${(e as Error).message.split('\n')[0]}\nusage: tidemark ${cmd.usage}`);
    }
    await cmd.run(ctx, args);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${oneLine(e)}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');
}

process.exitCode = await main(process.argv.slice(2));
