// "Done means" for QR import in the window: real-looking console screenshots (one code, three
// codes, dark mode, a phone showing a Google export) all land in the preview with every account.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccountInput } from '../../shared/account';
import { parseAccountText } from '../../shared/import-text';
import { generateCase } from '../corpus/corpus';
import { test, expect } from '../harness/browser/app';
import { CALM_START, PASSWORD, unlock } from './support';

const CASES = ['aws-mfa-1080p', 'three-codes-4k', 'dark-mode-1080p', 'google-export-phone-1-of-3'];

function accountsIn(texts: string[]): AccountInput[] {
  return texts.flatMap((text) => {
    const parsed = parseAccountText(text);
    if (parsed.kind === 'uri') return [parsed.account];
    return parsed.kind === 'migration' ? parsed.result.accounts : [];
  });
}

test.use({ harness: { now: CALM_START, vault: { password: PASSWORD } } });

test('console screenshots chosen in the file dialog show every account in the preview', async ({
  page,
  app,
}) => {
  const images = CASES.map((name) => generateCase(name));
  const files: string[] = [];
  for (const image of images) {
    const file = path.join(app.dir, `${image.name}.${image.format === 'png' ? 'png' : 'jpg'}`);
    await writeFile(file, image.bytes);
    files.push(file);
  }
  const expected = accountsIn(images.flatMap((i) => i.expected));
  expect(expected.length).toBeGreaterThanOrEqual(6);

  await unlock(page);
  app.images.pickedFiles = files;
  await page.getByRole('button', { name: 'Import accounts from QR codes' }).click();
  await page.getByRole('menuitem', { name: 'Choose image files…' }).click();
  const preview = page.getByRole('dialog', { name: 'Import accounts' });
  await expect(preview).toBeVisible({ timeout: 30_000 });
  for (const account of expected) {
    await expect(preview.getByText(account.label, { exact: true }).first()).toBeVisible();
  }
  // Every account is ticked: the button counts them.
  await preview.getByRole('button', { name: `Import ${expected.length} accounts` }).click();
  await expect(page.locator('.row-main')).toHaveCount(expected.length);
});
