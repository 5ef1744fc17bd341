// The command's help and usage errors, spawned as a user runs it: each command has its own help, and
// a mistyped option is named with the one that command takes.
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../harness/cli';

/** What each command takes besides --vault, --password-stdin and --help, written out independently. */
const OWN_OPTIONS: Record<string, string[]> = {
  init: [],
  list: ['--json', '--tag NAME', '--untagged'],
  code: ['--next'],
  add: [
    '--secret-stdin',
    '--secret KEY',
    '--issuer ISSUER',
    '--label NAME',
    '--type totp|hotp|steam',
    '--algorithm SHA1|SHA256|SHA512',
    '--digits 6|7|8',
    '--period SECONDS',
    '--counter N',
    '--tag NAME',
    '--allow-duplicate',
  ],
  remove: ['--yes'],
  passwd: [],
  scan: ['--json', '--show-secrets', '--add', '--yes', '--allow-duplicate'],
  export: [
    '--format authdesk|aegis|aegis-plain|otpauth|google-qr',
    '--out FILE',
    '--force',
    '--yes',
  ],
  import: ['--yes', '--replace', '--allow-duplicate', '--json'],
};
const EVERY_OPTION = [
  ...new Set(
    Object.values(OWN_OPTIONS)
      .flat()
      .map((o) => o.split(' ')[0]!),
  ),
];

beforeAll(() => assertBuilt());

describe('authdesk <command> --help', () => {
  it.each(Object.entries(OWN_OPTIONS))(
    '%s --help shows its own usage, options, examples and exit codes, and no other command’s options',
    async (command, own) => {
      const help = await runCli([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stderr).toBe('');
      const text = help.stdout;
      expect(text).toContain(`authdesk ${command}`);
      for (const heading of ['Options:', 'Examples:', 'Exit codes:'])
        expect(text).toContain(heading);
      for (const option of [...own, '--vault PATH', '--password-stdin', '-h, --help']) {
        expect(text).toMatch(new RegExp(`^  ${option.replace(/[|]/g, '\\|')}( |$)`, 'm'));
      }
      const optionLines = text.slice(text.indexOf('Options:'), text.indexOf('Examples:'));
      const ownNames = own.map((o) => o.split(' ')[0]);
      for (const other of EVERY_OPTION.filter((o) => !ownNames.includes(o))) {
        expect(optionLines).not.toMatch(new RegExp(`^  ${other}( |$)`, 'm'));
      }
      // The short form and `help <command>` print the same.
      expect((await runCli([command, '-h'])).stdout).toBe(text);
      expect((await runCli(['help', command])).stdout).toBe(text);
    },
  );

  it('add --help shows the ways that keep the key off the command line first', async () => {
    const { stdout } = await runCli(['add', '--help']);
    const usage = stdout.slice(0, stdout.indexOf('\n\n'));
    expect(usage.split('\n')[1]).toBe(
      '  authdesk add --issuer ISSUER --label NAME [--type …] [--algorithm …] [--digits …] [--period …]',
    );
    expect(usage.split('\n')[2]).toMatch(/^ {2}authdesk add --secret-stdin /);
    expect(stdout).toContain('asks "Secret key:"');
    const options = stdout.slice(stdout.indexOf('Options:'));
    expect(options.indexOf('--secret-stdin')).toBeLessThan(options.indexOf('--secret KEY'));
    const examples = stdout.slice(stdout.indexOf('Examples:')).split('\n');
    expect(examples[1]).toBe('  authdesk add --issuer GitHub --label alice');
    expect(examples[2]).toContain('| authdesk add --secret-stdin');
  });

  it('documents adding a bare key with --issuer and --label, and the exit codes add can end with', async () => {
    const { stdout } = await runCli(['add', '--help']);
    expect(stdout).toContain('authdesk add KEY --issuer ISSUER --label NAME');
    expect(stdout).toMatch(/^ {2}authdesk add 'JBSW Y3DP EHPK 3PXP' --issuer \w+ --label \w+$/m);
    expect(stdout).toMatch(/^ {2}9 +the account data was refused/m);
    expect(stdout).not.toMatch(/^ {2}4 +no account matches/m);
  });

  it('code --help explains the query and lists exit codes 4 and 5', async () => {
    const { stdout } = await runCli(['code', '--help']);
    expect(stdout).toContain('initials');
    expect(stdout).toMatch(/^ {2}4 +no account matches the query /m);
    expect(stdout).toMatch(/^ {2}5 +several accounts match the query/m);
  });

  it('the general help points to each command’s own help and is not any command’s', async () => {
    const general = await runCli(['--help']);
    expect(general.status).toBe(0);
    expect(general.stdout).toContain('authdesk <command> --help');
    expect(general.stdout).toBe((await runCli(['help'])).stdout);
    expect(general.stdout).not.toBe((await runCli(['list', '--help'])).stdout);
  });
});

describe('usage errors', () => {
  it('names a mistyped option with the one the command takes: list --jsn (exit 2)', async () => {
    const result = await runCli(['list', '--jsn']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown option --jsn; did you mean --json?');
    expect(result.stderr).not.toContain('ERR_PARSE_ARGS');
    expect(result.stderr).not.toContain('To specify a positional argument');
  });

  it('suggests only among the options of the command given', async () => {
    expect((await runCli(['scan', 'a.png', '--jsno'])).stderr).toContain(
      'unknown option --jsno; did you mean --json?',
    );
    expect((await runCli(['scan', 'a.png', '--show'])).stderr).toContain(
      'unknown option --show; did you mean --show-secrets?',
    );
    expect((await runCli(['add', '--isuer', 'X'])).stderr).toContain(
      'unknown option --isuer; did you mean --issuer?',
    );
    // --nxt is near --next, which `list` does not take: no suggestion.
    const far = await runCli(['list', '--nxt']);
    expect(far.status).toBe(2);
    expect(far.stderr).toContain('unknown option --nxt.');
    expect(far.stderr).not.toContain('did you mean');
  });

  it('keeps saying which command does not take an option another one takes: code aws --json', async () => {
    const result = await runCli(['code', 'aws', '--json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"code" does not take --json.');
    expect(result.stderr).toContain('authdesk code --help');
  });

  it('suggests a command for a mistyped one', async () => {
    const result = await runCli(['lsit']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "lsit"; did you mean "list"?');
  });
});
