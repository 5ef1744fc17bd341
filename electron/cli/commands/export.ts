// `authdesk export [--format F] [--out FILE] [--force] [--yes]`: the whole vault as an Authdesk
// backup (the default), an Aegis vault (encrypted or plain), an otpauth:// list or Google
// Authenticator export links (text or QR PNGs). Files go through use-cases/export-file, as the
// window's exports do; the plain formats show the window's warning and ask first.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { displayName } from '../../../shared/account';
import { AuthdeskError } from '../../../shared/errors';
import {
  ENCRYPTED_FORMATS,
  EXPORT_FORMATS,
  PLAIN_FORMATS,
  googleExportCodes,
  writeExportFile,
  type ExportFormat,
} from '../../use-cases/export-file';
import { otpauthListText, renderQrRgba } from '../../transfer/device-export';
import { writeFileDurably } from '../../vault/durable-write';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';

export interface ExportOptions {
  out: string | undefined;
  format: string | undefined;
  force: boolean;
  yes: boolean;
  appVersion: string;
}

/** The window's warning for a file that is not encrypted (transfer.text.warning*). */
export const PLAIN_WARNING = `This export is not encrypted: it holds the secret key of every account in plain text.
Anyone who reads it can make your sign-in codes. To move to another Authdesk, use an encrypted
backup instead (--format authdesk or aegis); delete this one once it is imported.`;

function formatOf(value: string | undefined): ExportFormat {
  const format = value ?? 'authdesk';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `Unknown export format "${format}". Use one of: ${EXPORT_FORMATS.join(', ')}.`,
    );
  }
  return format as ExportFormat;
}

export async function exportCommand(ctx: CliContext, opts: ExportOptions): Promise<number | void> {
  const format = formatOf(opts.format);
  // otpauth and google-qr may print on standard output; the others are files.
  if (!opts.out && !(format === 'otpauth' || format === 'google-qr')) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'Name the export file with --out FILE.');
  }
  const out = opts.out ? path.resolve(opts.out) : null;
  // Checked before any password is asked, and again (by the same test) just before writing.
  if (out && format !== 'google-qr') await refuseOverwrite(out, opts.force);
  if (PLAIN_FORMATS.has(format) && !(await confirmPlain(ctx, opts.yes))) {
    ctx.err('Nothing was exported.');
    return;
  }
  const vault = await openUnlocked(ctx);
  try {
    if (format === 'google-qr') return await googleQr(ctx, vault.list(), out, opts.force);
    const password = ENCRYPTED_FORMATS.has(format)
      ? await ctx.passwords.fresh(format === 'authdesk' ? 'Backup password' : 'Export password')
      : undefined;
    if (password !== undefined && password.length === 0) {
      throw new AuthdeskError(
        'PASSWORD_INVALID',
        `The ${format === 'authdesk' ? 'backup' : 'export'} password must not be empty. Nothing was written.`,
      );
    }
    const contents = vault.contents();
    if (out === null) {
      // otpauth on standard output: the same text the file would hold.
      ctx.out(otpauthListText(contents.accounts, new Date(ctx.now())).trimEnd());
      return;
    }
    const { count } = await writeExportFile({
      format: format as Exclude<ExportFormat, 'google-qr'>,
      path: out,
      contents,
      ...(password !== undefined && { password }),
      appVersion: opts.appVersion,
      now: new Date(ctx.now()),
      beforeWrite: () => refuseOverwrite(out, opts.force),
    });
    if (format === 'authdesk') {
      ctx.out(`Backed up ${count} accounts to ${out}`);
      ctx.err(
        'Keep the backup password: nobody, including Authdesk, can open the backup without it.',
      );
    } else {
      ctx.out(`Exported ${count} accounts (${DESCRIBED[format]}) to ${out}`);
      if (format === 'aegis') {
        ctx.err(
          'Keep the export password: Aegis asks for it when you import the file (Import & Export › Import › Aegis).',
        );
      }
    }
  } finally {
    vault.lock();
  }
}

const DESCRIBED: Record<Exclude<ExportFormat, 'authdesk' | 'google-qr'>, string> = {
  aegis: 'encrypted Aegis vault',
  'aegis-plain': 'plain Aegis vault',
  otpauth: 'otpauth:// links',
};

/** The warning, then yes/no at a terminal; elsewhere only --yes goes on. false: the user said no. */
async function confirmPlain(ctx: CliContext, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!ctx.terminal.interactive) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'This export holds every secret key in plain text. There is no terminal to confirm it; add --yes if you understand that anyone who reads it can make your codes. Nothing was written.',
    );
  }
  ctx.err(PLAIN_WARNING);
  return ctx.terminal.confirm('Export the secret keys in plain text?');
}

/**
 * Google Authenticator export links (the window's codes): printed one per line, or written to FILE
 * (text), or as QR images when FILE ends in .png (FILE-1.png, FILE-2.png, … for several codes).
 * Accounts Google cannot take are named on standard error with the reason.
 */
async function googleQr(
  ctx: CliContext,
  accounts: Parameters<typeof googleExportCodes>[0],
  out: string | null,
  force: boolean,
): Promise<number | void> {
  const { codes, skipped } = googleExportCodes(accounts);
  for (const { id, reason } of skipped) {
    const account = accounts.find((a) => a.id === id)!;
    ctx.err(`Left out ${displayName(account)}: ${reason}.`);
  }
  if (codes.length === 0) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'Google Authenticator cannot take any of the accounts, so there is no code to export.',
    );
  }
  const texts = codes.map((c) => c.text);
  if (out === null) {
    ctx.out(texts.join('\n'));
    return;
  }
  if (!/\.png$/i.test(out)) {
    await refuseOverwrite(out, force);
    await writeFileDurably(out, `${texts.join('\n')}\n`, { keepPrevious: false, what: 'export' });
    ctx.out(`Exported ${codes.length} Google Authenticator link(s) to ${out}`);
    return;
  }
  const files =
    codes.length === 1 ? [out] : codes.map((_, i) => out.replace(/(\.png)$/i, `-${i + 1}$1`));
  for (const file of files) await refuseOverwrite(file, force);
  const { PNG } = await import('pngjs');
  for (const [i, code] of codes.entries()) {
    const { width, height, data } = renderQrRgba(code.qr, 8);
    const png = new PNG({ width, height });
    png.data = Buffer.from(data);
    await writeFileDurably(files[i]!, PNG.sync.write(png), { keepPrevious: false, what: 'export' });
  }
  ctx.out(
    `Wrote ${codes.length} Google Authenticator QR code(s): ${files.join(', ')}\n` +
      'In Google Authenticator: Transfer accounts › Import accounts, then scan each code in turn.',
  );
}

async function refuseOverwrite(file: string, force: boolean): Promise<void> {
  if (force) return;
  // Any other failure (no permission, a missing folder) is reported by the write itself.
  const exists = await lstat(file).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `${file} already exists. Nothing was written. Use --force to overwrite it, or choose another name.`,
    );
  }
}
