// The authdesk command: parses arguments, builds the context, runs one command, maps errors to exit codes.
import { parseArgs } from 'node:util';
import { isAuthdeskError } from '../../shared/errors';
import { resolveVaultPath } from '../use-cases/vault-path';
import { addCommand } from './commands/add';
import { codeCommand } from './commands/code';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { initCommand } from './commands/init';
import { listCommand } from './commands/list';
import { passwdCommand } from './commands/passwd';
import { removeCommand } from './commands/remove';
import { scanCommand } from './commands/scan';
import type { CliContext } from './context';
import { passwordSource } from './context';
import { EXIT, exitCodeFor } from './exit-codes';
import { QueryError } from './query';
import { CancelledError, StdinLines, ttyTerminal } from './terminal';
import { USAGE } from './usage';

declare const __APP_VERSION__: string | undefined;

const OPTIONS = {
  vault: { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  next: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  'show-secrets': { type: 'boolean', default: false },
  add: { type: 'boolean', default: false },
  'allow-duplicate': { type: 'boolean', default: false },
  secret: { type: 'string' },
  issuer: { type: 'string' },
  label: { type: 'string' },
  algorithm: { type: 'string' },
  digits: { type: 'string' },
  period: { type: 'string' },
  type: { type: 'string' },
  counter: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean', default: false },
  replace: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** Options each command accepts besides --vault, --password-stdin and --help. */
const ALLOWED: Record<string, { options: string[]; positionals: [min: number, max: number] }> = {
  init: { options: [], positionals: [0, 0] },
  list: { options: ['json'], positionals: [0, 0] },
  code: { options: ['next'], positionals: [1, 1] },
  add: {
    options: [
      'allow-duplicate',
      'secret',
      'issuer',
      'label',
      'algorithm',
      'digits',
      'period',
      'type',
      'counter',
    ],
    positionals: [0, 1],
  },
  remove: { options: ['yes'], positionals: [1, 1] },
  scan: { options: ['json', 'show-secrets', 'add', 'yes'], positionals: [1, Infinity] },
  passwd: { options: [], positionals: [0, 0] },
  export: { options: ['out', 'force'], positionals: [0, 0] },
  import: { options: ['yes', 'replace', 'json'], positionals: [1, 1] },
};

export async function run(argv: string[]): Promise<number> {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  try {
    const { values, positionals, tokens } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    if (values.version) {
      out(appVersion());
      return EXIT.ok;
    }
    const [command, ...args] = positionals;
    if (values.help || command === undefined || command === 'help') {
      (command === undefined && !values.help ? err : out)(USAGE);
      return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    const spec = ALLOWED[command];
    if (!spec) return usageError(err, `Unknown command "${command}".`);
    const given = tokens.filter((t) => t.kind === 'option').map((t) => t.name);
    const stray = given.find(
      (name) => !['vault', 'password-stdin', ...spec.options].includes(name),
    );
    if (stray) return usageError(err, `"${command}" does not take --${stray}.`);
    if (args.length < spec.positionals[0] || args.length > spec.positionals[1]) {
      return usageError(err, `Wrong number of arguments for "${command}".`);
    }

    const terminal = ttyTerminal(process.stdin, process.stderr);
    const stdin = values['password-stdin'] ? new StdinLines(process.stdin) : undefined;
    const ctx: CliContext = {
      vaultPath: resolveVaultPath({ flag: values.vault, env: process.env }),
      out,
      err,
      terminal,
      passwords: passwordSource(terminal, stdin, err),
      now: () => Date.now(),
    };
    switch (command) {
      case 'init':
        await initCommand(ctx);
        break;
      case 'list':
        await listCommand(ctx, { json: values.json });
        break;
      case 'code':
        await codeCommand(ctx, args[0]!, { next: values.next });
        break;
      case 'add':
        await addCommand(ctx, args[0], { ...values, allowDuplicate: values['allow-duplicate'] });
        break;
      case 'remove':
        await removeCommand(ctx, args[0]!, { yes: values.yes });
        break;
      case 'passwd':
        await passwdCommand(ctx);
        break;
      case 'scan':
        return await scanCommand(ctx, args, {
          json: values.json,
          showSecrets: values['show-secrets'],
          add: values.add,
          yes: values.yes,
        });
      case 'export':
        await exportCommand(ctx, {
          out: values.out,
          force: values.force,
          appVersion: appVersion(),
        });
        break;
      case 'import':
        return await importCommand(ctx, args[0]!, {
          yes: values.yes,
          replace: values.replace,
          json: values.json,
        });
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CancelledError) {
      err('Cancelled. Nothing was changed.');
      return 130;
    }
    if (error instanceof QueryError) {
      err(`authdesk: ${error.message}`);
      return error.exitCode;
    }
    if (isAuthdeskError(error)) {
      err(`authdesk: ${error.message}`);
      return exitCodeFor(error.code);
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      return usageError(err, error.message);
    }
    err(`authdesk: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
}

function appVersion(): string {
  return typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
}

function usageError(err: (text: string) => void, message: string): number {
  err(`authdesk: ${message}\nRun "authdesk --help" for usage.`);
  return EXIT.usage;
}

process.exitCode = await run(process.argv.slice(2));
