// `authdesk init`: creates a new encrypted vault.
import { AuthdeskError } from '../../../shared/errors';
import { Vault } from '../../vault/vault';
import type { CliContext } from '../context';

export async function initCommand(ctx: CliContext): Promise<void> {
  if (await Vault.exists(ctx.vaultPath)) {
    throw new AuthdeskError(
      'VAULT_EXISTS',
      `A vault already exists at ${ctx.vaultPath}. Nothing was changed. Use --vault to create another one elsewhere.`,
    );
  }
  const password = await ctx.passwords.fresh('New vault password');
  await Vault.create(ctx.vaultPath, password);
  ctx.out(`Created an encrypted vault at ${ctx.vaultPath}.`);
  ctx.err(
    'Remember the password: nobody, including Authdesk, can open this vault without it. Keep a backup of your secret keys.',
  );
}
