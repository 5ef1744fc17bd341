// Typing a code on X11 (issue 12): from the moment the typing engine is asked (as quick access's
// Shift+Enter asks it) until a headed Chromium's focused text field under Xvfb holds all six digits,
// as the page's own input event sees it. The engine runs in a plain Node child, as in
// test/unit/typist-x11.test.ts; the wait for a step's end (type-code.ts) is not part of it.
import {
  fieldValue,
  openTargetWindow,
  startTypistChild,
  startXvfb,
  x11Missing,
} from '../test/harness/x11';
import { type BenchRow, stats } from './stats';

const NAME = 'typing a 6-digit code on X11 (Xvfb)';
const RUNS = 20;

export async function typingBench(): Promise<BenchRow[]> {
  const missing = x11Missing();
  if (missing) {
    console.log(`${NAME}: skipped: ${missing}`);
    return [];
  }
  const xvfb = await startXvfb();
  try {
    const target = await openTargetWindow(xvfb.display);
    const typist = await startTypistChild(xvfb.display);
    try {
      const samples: number[] = [];
      // One run first, unmeasured: the app loads the library once, at its first availability check.
      for (let run = -1; run < RUNS; run++) {
        await target.page.evaluate(() => {
          (document.getElementById('field') as HTMLInputElement).value = '';
          (window as unknown as { filledAt: number | null }).filledAt = null;
        });
        const code = String(100000 + (((run + 1) * 7919) % 900000));
        const { startedAt } = await typist.type(code);
        if ((await fieldValue(target.page, 6)) !== code) throw new Error('typed the wrong code');
        const filledAt = await target.page.evaluate(
          () => (window as unknown as { filledAt: number }).filledAt,
        );
        if (run >= 0) samples.push(filledAt - startedAt);
      }
      return [{ name: NAME, runs: RUNS, ...stats(samples), bar: 150 }];
    } finally {
      await typist.close();
      await target.close();
    }
  } finally {
    await xvfb.stop();
  }
}
