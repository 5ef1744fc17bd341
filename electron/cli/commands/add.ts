// `authdesk add --issuer X --label Y` (asks for the key without echo), `--secret-stdin`,
// `authdesk add <otpauth-uri>`, or the key as KEY or `--secret KEY` (visible in the process list).
import type { AccountInput } from '../../../shared/account';
import {
  ALGORITHMS,
  DEFAULT_OTP,
  OTP_TYPES,
  STEAM_OTP,
  displayName,
} from '../../../shared/account';
import { normalizeSecret } from '../../../shared/base32';
import { AuthdeskError } from '../../../shared/errors';
import { parseAccountText } from '../../../shared/import-text';
import { checkTagName } from '../../../shared/tags';
import { codesAt } from '../../../shared/otp';
import { judgeMerge, merge } from '../../use-cases/import-file';
import type { CliContext } from '../context';
import { codeClockOf, openUnlocked } from '../context';
import { skippedLine } from '../merge-preview';

export interface AddOptions {
  secret?: string;
  issuer?: string;
  label?: string;
  algorithm?: string;
  digits?: string;
  period?: string;
  type?: string;
  counter?: string;
  allowDuplicate: boolean;
  /** --tag NAME, repeatable: the tags every added account gets (new ones join the vault's list). */
  tag?: string[];
  /** Read the key (or an otpauth:// URI) from standard input, one line. */
  secretStdin?: boolean;
  /** The vault password comes from standard input: then stdin can carry nothing else. */
  passwordStdin?: boolean;
  /** Reads --secret-stdin's line (terminal.ts readOneLine on process.stdin). */
  readSecretLine?: () => Promise<string>;
}

const PARAM_FLAGS = ['secret', 'algorithm', 'digits', 'period', 'type', 'counter'] as const;

export async function addCommand(
  ctx: CliContext,
  text: string | undefined,
  opts: AddOptions,
): Promise<void> {
  // Tag names are checked before the key or the password is asked for.
  const tags = (opts.tag ?? []).map((name) => checkTagName(name));
  const inputs = accountsFrom(await secretText(ctx, text, opts), opts).map((input) =>
    tags.length > 0 ? { ...input, tags } : input,
  );
  const vault = await openUnlocked(ctx);
  try {
    // The one duplicate rule: the same credential as an account there is refused (or added with
    // --allow-duplicate); the same name with another secret key is added, with a note.
    const allowDuplicate = opts.allowDuplicate;
    const entries = judgeMerge(vault.list(), inputs, { allowDuplicate });
    if (inputs.length === 1) {
      const input = inputs[0]!;
      const { verdict } = entries[0]!;
      if (verdict.kind === 'in-vault' && !allowDuplicate) {
        throw new AuthdeskError(
          'ACCOUNT_DUPLICATE',
          `The vault already has this account as "${displayName(verdict.account)}" (the same secret key and code settings). ` +
            'Nothing was added. Use --allow-duplicate to add it anyway.',
        );
      }
      const account = await vault.add(input, { allowDuplicate });
      ctx.out(addedLine(account));
      if (verdict.kind === 'new' && verdict.sameNameAs) {
        ctx.out(
          `Note: "${displayName(verdict.sameNameAs)}" in the vault has the same name and another secret key; both are kept.`,
        );
      }
      if (account.type === 'totp') {
        // AWS asks for two consecutive codes when registering a virtual MFA device.
        const codes = codesAt(account, (await codeClockOf(ctx)).now());
        ctx.out(
          `MFA code 1: ${codes.current}  MFA code 2: ${codes.next}  (code 1 changes in ${codes.secondsLeft} s)`,
        );
      }
      return;
    }
    const { added, skipped } = await merge(vault, entries, { allowDuplicate });
    for (const account of added) ctx.out(addedLine(account));
    for (const s of skipped) ctx.out(skippedLine(s, 'link'));
  } finally {
    vault.lock();
  }
}

/** "Added "GitHub (alice)"." and, with tags, the tags as the vault spells them. */
function addedLine(account: AccountInput): string {
  const n = account.tags?.length ?? 0;
  const tags = n ? ` with the tag${n > 1 ? 's' : ''} ${account.tags!.join(', ')}` : '';
  return `Added "${displayName(account)}"${tags}.`;
}

/**
 * Where the key comes from. With neither a URI, KEY nor --secret: from standard input with
 * --secret-stdin, else asked at the terminal without echo. Standard input carries one thing, so
 * --secret-stdin takes no other key and no --password-stdin (the vault password is then asked on the
 * terminal). Everything is checked before anything is read or asked.
 */
async function secretText(
  ctx: CliContext,
  text: string | undefined,
  opts: AddOptions,
): Promise<string | undefined> {
  if (opts.secretStdin) {
    const other =
      text !== undefined
        ? 'a URI or KEY argument'
        : opts.secret !== undefined
          ? '--secret'
          : opts.passwordStdin
            ? '--password-stdin (standard input carries the secret key; the vault password is asked on the terminal)'
            : undefined;
    if (other) {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        `--secret-stdin cannot be combined with ${other}.`,
      );
    }
    return opts.readSecretLine!();
  }
  if (text !== undefined || opts.secret !== undefined) return text;
  if (!ctx.terminal.interactive || opts.passwordStdin) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'Give the secret key: at a terminal, leave it out and Authdesk asks for it without showing it; ' +
        'from a script, pipe it in with --secret-stdin. (An otpauth:// URI, KEY or --secret KEY also work, ' +
        'but show in the process list and the shell history.)',
    );
  }
  const typed = (await ctx.terminal.secret('Secret key: ')).trim();
  if (typed === '')
    throw new AuthdeskError('INVALID_ARGUMENT', 'No secret key was entered. Nothing was added.');
  return typed;
}

function accountsFrom(text: string | undefined, opts: AddOptions): AccountInput[] {
  if (text !== undefined) {
    const parsed = parseAccountText(text);
    if (parsed.kind === 'secret') return [fromFlags({ ...opts, secret: parsed.secret })];
    const mixed = PARAM_FLAGS.filter((f) => opts[f] !== undefined);
    if (mixed.length > 0) {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        `--${mixed[0]} cannot be combined with a URI; the URI already says it.`,
      );
    }
    const accounts = parsed.kind === 'uri' ? [parsed.account] : parsed.result.accounts;
    const overridden = accounts.map((a) => ({
      ...a,
      issuer: opts.issuer ?? a.issuer,
      label: opts.label ?? a.label,
    }));
    if (parsed.kind === 'migration') {
      for (const p of parsed.result.problems) {
        process.stderr.write(`Skipped entry ${p.index + 1} (${p.name}): ${p.error.message}\n`);
      }
      if (overridden.length === 0) {
        throw new AuthdeskError(
          'MIGRATION_MALFORMED',
          'The export link holds no account that can be added.',
        );
      }
    }
    return overridden;
  }
  if (opts.secret === undefined) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'Give an otpauth:// URI, or --secret with the secret key (and --issuer and --label).',
    );
  }
  return [fromFlags(opts)];
}

function fromFlags(opts: AddOptions): AccountInput {
  const type = pick(opts.type?.toLowerCase() ?? DEFAULT_OTP.type, OTP_TYPES, 'type');
  const algorithm = pick(
    opts.algorithm?.toUpperCase().replace('-', '') ?? DEFAULT_OTP.algorithm,
    ALGORITHMS,
    'algorithm',
  );
  const issuer = (opts.issuer ?? '').trim();
  const label = (opts.label ?? '').trim();
  if (!issuer && !label) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'Name the account with --issuer, --label or both.');
  }
  // Steam fixes its algorithm, length and period; the flags cannot change them.
  if (type === 'steam')
    return { ...STEAM_OTP, secret: normalizeSecret(opts.secret ?? ''), issuer, label };
  return {
    type,
    algorithm,
    digits: integer(opts.digits, DEFAULT_OTP.digits, 'digits'),
    period: integer(opts.period, DEFAULT_OTP.period, 'period'),
    counter: integer(opts.counter, 0, 'counter'),
    secret: normalizeSecret(opts.secret ?? ''),
    issuer,
    label,
  };
}

function pick<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new AuthdeskError(
    what === 'algorithm' ? 'ALGORITHM_UNSUPPORTED' : 'INVALID_ARGUMENT',
    `Unknown ${what} "${value}". Use one of: ${allowed.join(', ')}.`,
  );
}

function integer(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `--${what} must be a whole number, not "${value}".`,
    );
  }
  return Number(value);
}
