// The authdesk command: parses arguments, builds the context, runs one command, maps errors to exit codes.
// It loads only what parsing, the help and the error messages need; each command's own module is
// loaded when it runs (registry.ts), so `authdesk --version` and `authdesk code` through the running
// app stay near Node's own start (test/cli/cli-startup.test.ts, `npm run bench`).
import { parseArgs } from 'node:util';
import { isAuthdeskError } from '../../shared/errors';
import { resolveVaultPath } from '../use-cases/vault-path';
import type { CliContext } from './context';
import { passwordSource } from './context';
import { EXIT, exitCodeFor } from './exit-codes';
import { RUN } from './registry';
import { CancelledError, StdinLines, controllingTerminal, ttyTerminal } from './terminal';
import { closest } from './did-you-mean';
import {
  COMMANDS,
  COMMON_OPTIONS,
  OPTIONS,
  USAGE,
  commandHelp,
  commandSpec,
  type CommandSpec,
} from './usage';

declare const __APP_VERSION__: string | undefined;

/**
 * Output whose reader went away (`authdesk list | head -1`, `… 2>&1 | head -1`): the command goes on
 * without it, so a change it was making is still made whole, and ends with its own exit code, as
 * `ls` and `git` end quietly; another write error is still thrown.
 */
const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed.add(stream);
  });
}
const writeLine = (stream: NodeJS.WriteStream, text: string) => {
  if (!closed.has(stream)) stream.write(`${text}\n`);
};

export async function run(argv: string[]): Promise<number> {
  const out = (text: string) => writeLine(process.stdout, text);
  const err = (text: string) => writeLine(process.stderr, text);
  let command: string | undefined;
  try {
    // A first, lenient read finds the command and every option given, known or not, so that a
    // mistyped option is reported with what that command takes; the strict read then types the values.
    const loose = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: false,
      tokens: true,
    });
    const given = loose.tokens.filter((t) => t.kind === 'option');
    const [first] = loose.positionals;
    if (first !== undefined && first !== 'help' && !specOf(first))
      return unknownCommand(err, first);
    if (first === 'help' || given.some((t) => t.name === 'help')) {
      const [about, sub] = first === 'help' ? loose.positionals.slice(1) : loose.positionals;
      if (about !== undefined && !specOf(about)) return unknownCommand(err, about);
      // "authdesk aws register --help" is the subcommand's help; "authdesk aws --help" the command's.
      const withSub = about !== undefined && specOf(about)?.subcommands && sub !== undefined;
      if (withSub && !commandSpec(`${about} ${sub}`)) return unknownSubcommand(err, about, sub);
      out(about === undefined ? USAGE : commandHelp(withSub ? `${about} ${sub}` : about));
      return EXIT.ok;
    }
    if (given.some((t) => t.name === 'version')) {
      out(appVersion());
      return EXIT.ok;
    }
    command = first;
    let spec = command === undefined ? undefined : specOf(command);
    // A command with subcommands ("aws register") is named by its first two words.
    let words = 1;
    if (command !== undefined && spec?.subcommands) {
      const named = loose.positionals[1];
      // "authdesk tags" is "authdesk tags list"; "authdesk aws" needs its subcommand.
      const sub = named ?? spec.defaultSubcommand;
      if (sub === undefined) {
        return usageError(
          err,
          `"${command}" needs a subcommand: ${Object.keys(spec.subcommands).join(', ')}.`,
          command,
        );
      }
      if (!commandSpec(`${command} ${sub}`)) return unknownSubcommand(err, command, sub);
      command = `${command} ${sub}`;
      spec = commandSpec(command);
      words = named === undefined ? 1 : 2;
    }
    const takes: string[] = [...COMMON_OPTIONS, ...Object.keys(spec?.options ?? {})];
    for (const { name, rawName } of given) {
      if (takes.includes(name)) continue;
      if (Object.hasOwn(OPTIONS, name) && command !== undefined) {
        return usageError(err, `"${command}" does not take ${rawName}.`, command);
      }
      const meant = rawName.startsWith('--') ? closest(name, takes) : undefined;
      return usageError(
        err,
        meant
          ? `unknown option ${rawName}; did you mean --${meant}?`
          : `unknown option ${rawName}.`,
        command,
      );
    }
    if (command === undefined || !spec) {
      err(USAGE);
      return EXIT.usage;
    }

    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const args = positionals.slice(words);
    if (args.length < spec.positionals[0] || args.length > spec.positionals[1]) {
      return usageError(err, `Wrong number of arguments for "${command}".`, command);
    }

    // With --secret-stdin, standard input carries the key: prompts go to the terminal itself.
    const terminal =
      values['secret-stdin'] && !process.stdin.isTTY
        ? controllingTerminal(process.stderr)
        : ttyTerminal(process.stdin, process.stderr);
    const stdin = values['password-stdin'] ? new StdinLines(process.stdin) : undefined;
    const ctx: CliContext = {
      vaultPath: resolveVaultPath({ flag: values.vault, env: process.env }),
      out,
      err,
      terminal,
      passwords: passwordSource(terminal, stdin, err),
      now: () => Date.now(),
      passwordStdin: values['password-stdin'],
      noAgent: values['no-agent'],
    };
    const runner = RUN[command];
    if (!runner) throw new Error(`no module runs "${command}" (registry.ts)`);
    return (await runner({ ctx, args, values, appVersion: appVersion() })) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CancelledError) {
      err('Cancelled. Nothing was changed.');
      return EXIT.cancelled;
    }
    if (isAuthdeskError(error)) {
      err(`authdesk: ${error.message}`);
      // A query's no match (4) and ambiguity (5) share one error code (query.ts's QueryError).
      return 'exitCode' in error && typeof error.exitCode === 'number'
        ? error.exitCode
        : exitCodeFor(error.code);
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      return usageError(err, error.message, command);
    }
    err(`authdesk: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
}

function appVersion(): string {
  return typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
}

function usageError(err: (text: string) => void, message: string, command?: string): number {
  err(`authdesk: ${message}\nRun "authdesk ${command ? `${command} ` : ''}--help" for usage.`);
  return EXIT.usage;
}

function specOf(command: string): CommandSpec | undefined {
  return Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
}

function unknownSubcommand(err: (text: string) => void, command: string, sub: string): number {
  const meant = closest(sub, Object.keys(specOf(command)?.subcommands ?? {}));
  return usageError(
    err,
    meant
      ? `Unknown subcommand "${command} ${sub}"; did you mean "${command} ${meant}"?`
      : `Unknown subcommand "${command} ${sub}".`,
    command,
  );
}

function unknownCommand(err: (text: string) => void, command: string): number {
  const meant = closest(command, Object.keys(COMMANDS));
  return usageError(
    err,
    meant
      ? `Unknown command "${command}"; did you mean "${meant}"?`
      : `Unknown command "${command}".`,
  );
}

process.exitCode = await run(process.argv.slice(2));
