// Linux X11, for real: Xvfb, a headed Chromium on it with a focused text field, and the typing engine
// (electron/system/typist.ts, libnut) in a plain Node process typing a code into it; the test reads
// the field's value. Skipped, with the reason printed, only outside CI where Xvfb or Chromium is
// missing; on CI (.ci/run installs xvfb) it always runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fieldValue,
  openTargetWindow,
  startTypistChild,
  startXvfb,
  x11Missing,
  type TargetWindow,
  type TypistChild,
  type Xvfb,
} from '../harness/x11';

const missing = x11Missing();
if (missing && process.env.CI) throw new Error(`the X11 typing test must run on CI: ${missing}`);
if (missing) console.warn(`typist-x11.test.ts skipped: ${missing}`);

describe.skipIf(missing !== null)('typing a code on X11 (Xvfb)', () => {
  let xvfb: Xvfb;
  let target: TargetWindow;
  let typist: TypistChild;

  beforeAll(async () => {
    xvfb = await startXvfb();
    target = await openTargetWindow(xvfb.display);
    typist = await startTypistChild(xvfb.display);
  });
  afterAll(async () => {
    await typist?.close();
    await target?.close();
    await xvfb?.stop();
  });

  it('says typing is available on an X11 display', async () => {
    expect(await typist.availability()).toEqual({ available: true });
  });

  it('types a 6-digit code into the focused field of another app', async () => {
    await typist.type('273812');
    expect(await fieldValue(target.page, 6)).toBe('273812');
  });

  it('types an 8-digit code after it, key for key', async () => {
    await target.page.fill('#field', '');
    await typist.type('90817263');
    expect(await fieldValue(target.page, 8)).toBe('90817263');
  });
});
