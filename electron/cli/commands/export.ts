// `authdesk export --out FILE [--force]`: writes an encrypted backup of the whole vault.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { AuthdeskError } from '../../../shared/errors';
import { writeBackupWithPassword } from '../../use-cases/backup';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';

export interface ExportOptions {
  out: string | undefined;
  force: boolean;
  appVersion: string;
}

export async function exportCommand(ctx: CliContext, opts: ExportOptions): Promise<void> {
  if (!opts.out) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'Name the backup file with --out FILE.');
  }
  const out = path.resolve(opts.out);
  // Checked before any password is asked, and again (by the same test) just before writing.
  await refuseOverwrite(out, opts.force);
  const vault = await openUnlocked(ctx);
  try {
    const password = await ctx.passwords.fresh('Backup password');
    if (password.length === 0) {
      throw new AuthdeskError(
        'PASSWORD_INVALID',
        'The backup password must not be empty. Nothing was written.',
      );
    }
    const { count } = await writeBackupWithPassword(out, password, {
      contents: vault.contents(),
      appVersion: opts.appVersion,
      now: new Date(ctx.now()),
      beforeWrite: () => refuseOverwrite(out, opts.force),
    });
    ctx.out(`Backed up ${count} accounts to ${out}`);
    ctx.err(
      'Keep the backup password: nobody, including Authdesk, can open the backup without it.',
    );
  } finally {
    vault.lock();
  }
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
