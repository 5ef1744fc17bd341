// `authdesk scan <image>… [--json] [--show-secrets] [--add] [--yes]`: reads the QR codes in
// screenshots, prints what they hold, and optionally adds them to the vault.
import { displayName, type AccountInput } from '../../../shared/account';
import { AuthdeskError, type ErrorInfo } from '../../../shared/errors';
import { sourceName } from '../../import/image-sources';
import { decodeQrCodes } from '../../qr/decode';
import { judgeMerge, merge, type SkipReason } from '../../use-cases/import-file';
import { scanImageFile, type ScannedCode, type ScannedImage } from '../../use-cases/scan';
import { accountLine } from '../account-line';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
import { EXIT } from '../exit-codes';

export interface ScanOptions {
  json: boolean;
  showSecrets: boolean;
  add: boolean;
  yes: boolean;
}

export async function scanCommand(
  ctx: CliContext,
  files: string[],
  opts: ScanOptions,
): Promise<number> {
  const results: ScannedImage[] = [];
  for (const file of files) {
    results.push(await scanImageFile(file, sourceName(file, 'image'), decodeQrCodes));
  }

  for (const result of results) {
    if (opts.json) ctx.out(JSON.stringify(toJson(result, opts.showSecrets)));
    else printHuman(ctx, result, opts.showSecrets);
  }

  const usable = results.every((r) => !r.error && r.codes.some((c) => c.found.accounts.length > 0));
  if (opts.add) {
    const accounts = results.flatMap((r) => r.codes.flatMap(inputsOf));
    if (accounts.length === 0)
      throw new AuthdeskError('QR_NOT_FOUND', 'No account was found to add.');
    await addScanned(ctx, accounts, opts.yes);
  }
  return usable ? EXIT.ok : EXIT.imageProblem;
}

const inputsOf = (code: ScannedCode): AccountInput[] => code.found.accounts.map((a) => a.input);

/** The first problem of a code that yielded no account: why it is not imported, and a safe detail. */
function problemOf(code: ScannedCode): (ErrorInfo & { detail?: string }) | undefined {
  if (code.found.accounts.length > 0) return undefined;
  const problem = code.found.problems[0];
  if (!problem) return undefined;
  return {
    code: problem.code,
    message: problem.message,
    ...(problem.detail !== undefined && { detail: problem.detail }),
  };
}

function toJson(result: ScannedImage, showSecrets: boolean) {
  return {
    file: result.file,
    payloads: result.codes.map((c) => {
      const problem = problemOf(c);
      return {
        // The decoded text may be a secret (a bare key, a Wi-Fi password): only when asked.
        ...(showSecrets && c.text !== undefined ? { text: c.text } : {}),
        // Bytes that are not text are never printed, only counted.
        ...(c.binaryBytes !== undefined ? { binaryBytes: c.binaryBytes } : {}),
        accounts: inputsOf(c).map((a) => ({
          issuer: a.issuer,
          label: a.label,
          type: a.type,
          algorithm: a.algorithm,
          digits: a.digits,
          period: a.period,
          ...(a.type === 'hotp' ? { counter: a.counter } : {}),
          ...(showSecrets ? { secret: a.secret } : {}),
        })),
        ...(problem ? { error: { code: problem.code, message: problem.message } } : {}),
        ...(problem?.detail !== undefined ? { detail: problem.detail } : {}),
      };
    }),
    ...(result.error ? { error: result.error } : {}),
  };
}

function printHuman(ctx: CliContext, result: ScannedImage, showSecrets: boolean): void {
  if (result.error) {
    ctx.out(`${result.file}: ${result.error.message}`);
    return;
  }
  for (const code of result.codes) {
    const problem = problemOf(code);
    if (problem) {
      const held = showSecrets && code.text !== undefined ? oneLine(code.text) : problem.detail;
      ctx.out(`${result.file}: ${problem.message}${held ? ` It holds: ${held}` : ''}`);
      continue;
    }
    for (const a of inputsOf(code)) {
      ctx.out(`${result.file}: ${accountLine(a)}${showSecrets ? `  secret ${a.secret}` : ''}`);
    }
  }
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
async function addScanned(ctx: CliContext, accounts: AccountInput[], yes: boolean): Promise<void> {
  const vault = await openUnlocked(ctx);
  try {
    const entries = judgeMerge(vault.list(), accounts);
    const count = (reason: SkipReason | null) =>
      entries.filter((e) => e.duplicate === reason).length;
    const fresh = count(null);
    const twice = count('twice in the file');
    ctx.out(
      `To add: ${fresh} account(s); ${count('already in the vault')} already in the vault` +
        (twice > 0 ? `; ${twice} found twice in the images.` : '.'),
    );
    for (const e of entries) {
      const why = e.duplicate === 'twice in the file' ? 'found twice in the images' : e.duplicate;
      ctx.out(`  ${displayName(e.input)}${why ? `  (skipped: ${why})` : ''}`);
    }
    if (fresh === 0) return;
    if (!yes) {
      if (!ctx.terminal.interactive) {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          'There is no terminal to confirm; add --yes to add them.',
        );
      }
      if (!(await ctx.terminal.confirm(`Add ${fresh} account(s)?`))) {
        ctx.out('Nothing was added.');
        return;
      }
    }
    const { added, skipped } = await merge(vault, entries);
    ctx.out(`Added ${added.length} account(s).`);
    for (const { input, reason } of skipped.slice(entries.length - fresh)) {
      ctx.out(`Skipped "${displayName(input)}": ${reason} (added meanwhile).`);
    }
  } finally {
    vault.lock();
  }
}
