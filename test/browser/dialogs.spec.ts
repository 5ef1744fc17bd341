// Dialogs are modal for the keyboard: focus starts inside, Tab wraps, Escape closes and focus returns.
import { test, expect } from '../harness/browser/app';
import { PASSWORD, unlock } from './support';

test.use({ harness: { vault: { password: PASSWORD } } });

test('Tab stays inside the add dialog and Escape returns focus to the button that opened it', async ({
  page,
  app,
}) => {
  void app;
  await unlock(page);
  const opener = page.getByRole('button', { name: 'Add your first account' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog.getByLabel('Setup link')).toBeFocused();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    const inside = await dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement));
    expect(inside).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});
