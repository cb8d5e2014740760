#!/usr/bin/env bun
// The `tickflow` command line: one subcommand per job, each in its own module under cli/.
import { accountCommand } from './account.ts';
import { backtestCommand } from './backtest.ts';
import { UsageError } from './args.ts';
import { EXIT, type Command, type Io } from './command.ts';
import { DEFAULT_DB, importCommand } from './import.ts';
import { taCommand } from './ta.ts';
import { trainCommand } from './train.ts';

/**
 * Every subcommand, in the order the help lists them. A new one is a module exporting a
 * `Command` and one line here.
 */
const COMMANDS: readonly Command[] = [importCommand, taCommand, trainCommand, accountCommand, backtestCommand];

const rootHelp = () => `Usage: tickflow <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Run tickflow <command> --help for a command's options.

Environment:
  TICKFLOW_DB   SQLite file of the store (default ${DEFAULT_DB})
  PORT          where account finds a running server (default 3000)
  ADMIN_KEY     the server's admin key, for account`;

/** Runs one command line; returns the exit code instead of exiting, so it can be driven in-process too. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '-h' || name === '--help' || name === 'help') {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    io.out(command ? command.help : rootHelp());
    return EXIT.ok;
  }
  if (name === undefined) {
    io.err(rootHelp());
    return EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command ${JSON.stringify(name)}`;
    io.err(`tickflow: ${what}; commands: ${COMMANDS.map((c) => c.name).join(', ')}. Run tickflow --help.`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`tickflow ${command.name}: ${e.message}. Run tickflow ${command.name} --help.`);
    return EXIT.usage;
  }
}

if (import.meta.main) {
  const io: Io = {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    ...(process.stderr.isTTY ? { progress: (text: string) => void process.stderr.write(text) } : {}),
    env: process.env,
  };
  try {
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (e) {
    io.err(`tickflow: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = EXIT.failed;
  }
}
