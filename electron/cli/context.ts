// What every CLI command gets: the vault path, output streams, and where passwords come from.
// Loaded by main.ts for every command, so it imports nothing heavy: the vault, the clock correction
// and the time server are loaded by the helpers that use them, when a command asks for a password.
import { AuthdeskError } from '../../shared/errors';
import type { Clock } from '../ports';
import { userDataFolder } from '../use-cases/vault-path';
import type { Vault } from '../vault/vault';
import type { StdinLines, Terminal } from './terminal';

export interface CliContext {
  vaultPath: string;
  out(text: string): void;
  err(text: string): void;
  terminal: Terminal;
  passwords: PasswordSource;
  now(): number;
  /** --password-stdin: passwords come from standard input, not from a prompt. */
  passwordStdin: boolean;
  /** --no-agent: never ask the running app (agent-door.ts), always the password. */
  noAgent: boolean;
}

export interface PasswordSource {
  /** An existing password (the vault's). */
  existing(prompt: string): Promise<string>;
  /** A new password: typed twice on a terminal, one line on stdin. */
  fresh(prompt: string): Promise<string>;
}

export function passwordSource(
  terminal: Terminal,
  stdin: StdinLines | undefined,
  err: (text: string) => void,
): PasswordSource {
  return {
    existing: (prompt) =>
      stdin ? stdin.line(prompt.toLowerCase()) : terminal.secret(`${prompt}: `),
    async fresh(prompt) {
      if (stdin) return stdin.line(prompt.toLowerCase());
      const first = await terminal.secret(`${prompt}: `);
      if (first.length > 0 && first.length < 10) {
        err('Warning: a password shorter than 10 characters is easy to guess.');
      }
      const second = await terminal.secret(`${prompt} (again): `);
      if (first !== second) {
        throw new AuthdeskError(
          'PASSWORD_INVALID',
          'The two passwords do not match. Nothing was changed.',
        );
      }
      return first;
    },
  };
}

/** Opens the vault and unlocks it with the password from the context's source. */
export async function openUnlocked(ctx: CliContext): Promise<Vault> {
  const { Vault } = await import('../vault/vault');
  const vault = await Vault.open(ctx.vaultPath);
  await vault.unlock(await ctx.passwords.existing('Vault password'));
  return vault;
}

/** The clock codes follow: the command's, corrected as the app's settings say (use-cases/codes.ts). */
export async function codeClockOf(ctx: CliContext): Promise<Clock> {
  const [{ querySntp }, { codeClock, readAppSettings }] = await Promise.all([
    import('../clock/sntp'),
    import('../use-cases/codes'),
  ]);
  const settings = await readAppSettings(userDataFolder());
  return codeClock(settings, {
    clock: { now: ctx.now },
    query: querySntp,
    warn: (message) => ctx.err(`authdesk: ${message}`),
  });
}
