// The list asks main for the pictures of the rows it draws in one getIconImages call per screenful,
// never one per row, and not for rows it has not drawn (issue 15, speed: a call per row would cost a
// round trip per row, and every picture of a thousand accounts would be read at once).
import { test, expect } from '../harness/browser/app';
import type { AccountInput } from '../../shared/account';
import { Vault } from '../../electron/vault/vault';
import { picture, pngFile } from '../harness/icon-images';
import { PASSWORD, secretFor, unlock } from './support';

const COUNT = 40;

const account = (n: number): AccountInput => ({
  issuer: `Own service ${String(n).padStart(2, '0')}`,
  label: `user${n}`,
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: secretFor(`batch/${n}`),
});

test.use({
  harness: {
    vault: { password: PASSWORD, accounts: Array.from({ length: COUNT }, (_, n) => account(n)) },
  },
});

test('a screenful of pictures comes in one getIconImages call, only for the rows drawn', async ({
  page,
  app,
}) => {
  // Each account its own picture, written as another process would while the window is locked.
  const vault = await Vault.open(app.vaultPath);
  await vault.unlock(PASSWORD);
  for (const [n, { id }] of vault.list().entries()) {
    await vault.setIconPicture(id, pngFile(picture(8, 8, () => [n * 6, 90, 250 - n * 6, 255])));
  }
  vault.lock();

  await unlock(page);
  const pictures = page.locator('.icon-picture img');
  await expect(pictures.first()).toBeVisible();
  const drawn = await page.locator('[data-row-id]').count();
  expect(drawn).toBeLessThan(COUNT);
  // Every drawn row's picture has loaded (none is still the letter standing in).
  await expect(pictures).toHaveCount(drawn);
  const allLoaded = `[...document.querySelectorAll('.icon-picture img')].every((img) => img.complete)`;
  await expect.poll(() => page.evaluate(allLoaded)).toBe(true);

  const calls = app.sent.filter((s) => s.kind === 'result' && s.name === 'getIconImages');
  expect(calls).toHaveLength(1);
  const answer = calls[0]!.payload as { ok: true; value: Record<string, string> };
  expect(Object.keys(answer.value)).toHaveLength(drawn);
  const sources = await Promise.all((await pictures.all()).map((img) => img.getAttribute('src')));
  expect(new Set(sources)).toEqual(new Set(Object.values(answer.value)));
});
