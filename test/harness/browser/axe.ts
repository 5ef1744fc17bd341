// axe-core run straight in the page, for the browser tests' accessibility checks.
//
// @axe-core/playwright's AxeBuilder.analyze() evaluates axe's 500 kB source again on every call (a
// fresh, cold copy of axe each time), runs it per frame, and then opens a new blank page to merge
// the frames' results (axe.finishRun). The app is one frame, so here axe is put in the page once
// and axe.run checks it: the same rules on the same nodes, the same violations (compared against
// AxeBuilder when this was written), in about a third of the time. Only the violations are
// gathered in full (resultTypes): the tests read no passes or incomplete results.
import AxeCore from 'axe-core';
import type { AxeResults, ElementContext } from 'axe-core';
import type { Page } from '@playwright/test';

/** The page's global object, where axe's source puts `axe` (this config has no DOM types). */
type PageGlobal = { axe?: typeof AxeCore };

/**
 * Runs axe on what `page` shows now, on the elements `include` selects (the whole document
 * without it). A page with frames is refused: their contents would go unchecked here.
 */
export async function checkAxe(page: Page, include?: string): Promise<AxeResults> {
  const frames = page.frames().length;
  if (frames !== 1) {
    throw new Error(`checkAxe: the page has ${frames - 1} frame(s); use AxeBuilder to check them`);
  }
  // The callbacks run in the page: they can use nothing from this module but types.
  if (!(await page.evaluate(() => typeof (globalThis as PageGlobal).axe === 'object'))) {
    await page.evaluate(AxeCore.source);
  }
  // As AxeBuilder: nothing included means the whole document.
  const context: ElementContext = include ? { include: [include] } : { exclude: [] };
  return page.evaluate(
    (context) => (globalThis as PageGlobal).axe!.run(context, { resultTypes: ['violations'] }),
    context,
  );
}
