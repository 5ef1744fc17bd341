// `authdesk scan <image>… [--json] [--show-secrets] [--add] [--yes] [--allow-duplicate]`: reads the QR
// codes in screenshots, prints what they hold, and optionally adds them to the vault, saying per
// account what happens to it (with --json that goes to standard error: stdout stays JSON lines).
import type { AccountInput } from '../../../shared/account';
import { AuthdeskError, type ErrorInfo } from '../../../shared/errors';
import { sourceName } from '../../import/image-sources';
import { decodeQrCodes } from '../../qr/decode';
import { judgeMerge, merge } from '../../use-cases/import-file';
import { scanImageFile, type ScannedCode, type ScannedImage } from '../../use-cases/scan';
import { accountLine } from '../account-line';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
import { EXIT } from '../exit-codes';
import { previewLines, skippedLine } from '../merge-preview';

export interface ScanOptions {
  json: boolean;
  showSecrets: boolean;
  add: boolean;
  yes: boolean;
  /** (with add) add accounts already in the vault (same credential) as well. */
  allowDuplicate?: boolean;
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
    await addScanned(ctx, accounts, opts);
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
async function addScanned(
  ctx: CliContext,
  accounts: AccountInput[],
  opts: ScanOptions,
): Promise<void> {
  const vault = await openUnlocked(ctx);
  try {
    const allowDuplicate = opts.allowDuplicate === true;
    const print = opts.json ? ctx.err : ctx.out;
    const entries = judgeMerge(vault.list(), accounts, { allowDuplicate });
    // One line per account found, and a summary counted from those lines.
    for (const line of previewLines(entries, 'images')) print(line);
    const fresh = entries.filter((e) => e.adds).length;
    if (fresh === 0) return;
    if (!opts.yes) {
      if (!ctx.terminal.interactive) {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          'There is no terminal to confirm; add --yes to add them.',
        );
      }
      if (!(await ctx.terminal.confirm(`Add ${fresh} account(s)?`))) {
        print('Nothing was added.');
        return;
      }
    }
    const { added, skipped } = await merge(vault, entries, { allowDuplicate });
    print(`Added ${added.length} account(s).`);
    // Every account not added is named, those added meanwhile by another process too.
    for (const s of skipped) print(skippedLine(s, 'images'));
  } finally {
    vault.lock();
  }
}
