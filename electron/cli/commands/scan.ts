// `authdesk scan <image>… [--json] [--show-secrets] [--add] [--yes]`: reads the QR codes in
// screenshots, prints what they hold, and optionally adds them to the vault.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AccountInput } from '../../../shared/account';
import { AuthdeskError, isAuthdeskError, type ErrorInfo } from '../../../shared/errors';
import { parseAccountText } from '../../../shared/import-text';
import { decodeQrFromBytes, IMAGE_LIMITS } from '../../qr/decode';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
import { EXIT } from '../exit-codes';
import { displayName } from '../query';

export interface ScanOptions {
  json: boolean;
  showSecrets: boolean;
  add: boolean;
  yes: boolean;
}

interface Payload {
  text: string;
  accounts: AccountInput[];
  error?: ErrorInfo;
}

interface ScannedFile {
  file: string;
  payloads: Payload[];
  error?: ErrorInfo;
}

export async function scanCommand(
  ctx: CliContext,
  files: string[],
  opts: ScanOptions,
): Promise<number> {
  const results: ScannedFile[] = [];
  for (const file of files) results.push(await scanFile(file));

  for (const result of results) {
    if (opts.json) ctx.out(JSON.stringify(toJson(result, opts.showSecrets)));
    else printHuman(ctx, result, opts.showSecrets);
  }

  const usable = results.every((r) => !r.error && r.payloads.some((p) => p.accounts.length > 0));
  if (opts.add) {
    const accounts = results.flatMap((r) => r.payloads.flatMap((p) => p.accounts));
    if (accounts.length === 0)
      throw new AuthdeskError('QR_NOT_FOUND', 'No account was found to add.');
    await addScanned(ctx, accounts, opts.yes);
  }
  return usable ? EXIT.ok : EXIT.imageProblem;
}

async function scanFile(file: string): Promise<ScannedFile> {
  try {
    const bytes = await readImage(file);
    const texts = await decodeQrFromBytes(bytes);
    if (texts.length === 0) {
      throw new AuthdeskError(
        'QR_NOT_FOUND',
        'No QR code was found in this image. Zoom in so the code is bigger, then take the screenshot again.',
      );
    }
    return { file, payloads: texts.map(toPayload) };
  } catch (error) {
    if (!isAuthdeskError(error)) throw error;
    return { file, payloads: [], error: error.toInfo() };
  }
}

/** Checks the size before reading, so a huge file is refused without loading it. */
async function readImage(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new AuthdeskError('IMAGE_UNREADABLE', `Cannot read ${file}: ${(error as Error).message}`);
  }
  if (size > IMAGE_LIMITS.maxBytes) {
    throw new AuthdeskError('IMAGE_TOO_LARGE', `${path.basename(file)} is larger than 50 MB.`);
  }
  const handle = await open(file, 'r');
  try {
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

function toPayload(text: string): Payload {
  try {
    const parsed = parseAccountText(text);
    if (parsed.kind === 'uri') return { text, accounts: [parsed.account] };
    if (parsed.kind === 'migration') return { text, accounts: parsed.result.accounts };
  } catch (error) {
    if (!isAuthdeskError(error)) throw error;
  }
  // Anything else (a URL, a bare key, plain text) is shown, never imported.
  return {
    text,
    accounts: [],
    error: {
      code: 'QR_NOT_OTP',
      message: 'This QR code is not a two-step verification setup code.',
    },
  };
}

function toJson(result: ScannedFile, showSecrets: boolean) {
  return {
    file: result.file,
    payloads: result.payloads.map((p) => ({
      ...(showSecrets || p.accounts.length === 0 ? { text: p.text } : {}),
      accounts: p.accounts.map((a) => ({
        issuer: a.issuer,
        label: a.label,
        type: a.type,
        algorithm: a.algorithm,
        digits: a.digits,
        period: a.period,
        ...(a.type === 'hotp' ? { counter: a.counter } : {}),
        ...(showSecrets ? { secret: a.secret } : {}),
      })),
      ...(p.error ? { error: p.error } : {}),
    })),
    ...(result.error ? { error: result.error } : {}),
  };
}

function printHuman(ctx: CliContext, result: ScannedFile, showSecrets: boolean): void {
  if (result.error) {
    ctx.out(`${result.file}: ${result.error.message}`);
    return;
  }
  for (const payload of result.payloads) {
    if (payload.error) {
      ctx.out(`${result.file}: ${payload.error.message} It holds: ${describe(payload.text)}`);
      continue;
    }
    for (const a of payload.accounts) {
      const kind =
        a.type === 'steam' ? 'Steam' : `${a.type.toUpperCase()} ${a.algorithm} ${a.digits} digits`;
      const timing = a.type === 'hotp' ? `counter ${a.counter}` : `${a.period} s`;
      ctx.out(
        `${result.file}: ${displayName(a)}  (${kind}, ${timing})${showSecrets ? `  secret ${a.secret}` : ''}`,
      );
    }
  }
}

/** A non-OTP code's content, shortened; never a possible secret in full. */
function describe(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine;
}

async function addScanned(ctx: CliContext, accounts: AccountInput[], yes: boolean): Promise<void> {
  const vault = await openUnlocked(ctx);
  try {
    const fresh = accounts.filter((a) => vault.findDuplicates(a).length === 0);
    ctx.out(
      `To add: ${fresh.length} account(s); ${accounts.length - fresh.length} already in the vault.`,
    );
    for (const a of fresh) ctx.out(`  ${displayName(a)}`);
    if (fresh.length === 0) return;
    if (!yes) {
      if (!ctx.terminal.interactive) {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          'There is no terminal to confirm; add --yes to add them.',
        );
      }
      if (!(await ctx.terminal.confirm(`Add ${fresh.length} account(s)?`))) {
        ctx.out('Nothing was added.');
        return;
      }
    }
    const { added } = await vault.addMany(fresh, { skipDuplicates: true });
    ctx.out(`Added ${added.length} account(s).`);
  } finally {
    vault.lock();
  }
}
