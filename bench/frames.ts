// Frame timing inside the Chromium page, for the list benchmarks. Chromium draws at 60 Hz here (one
// frame every 16.7 ms, requestAnimationFrame's timestamps show it); a frame's work runs on the main
// thread from its begin time (the rAF timestamp) to the end of its style, layout and paint, which a
// message posted from the rAF callback marks: the message is the next task after the frame.
import type { Page } from '@playwright/test';

/** One frame at 60 Hz. */
export const FRAME_MS = 1000 / 60;

/** The marks the renderer sets: where the first-paint rows start. */
export { PERF_MARKS as MARKS } from '../renderer/perf-marks';

/** The page-side helpers, installed once per document as globalThis.__bench. */
export interface PageBench {
  nextTask(): Promise<void>;
  /** The next frame: its begin time and when its rendering ended. */
  frame(): Promise<{ begin: number; end: number }>;
  /**
   * The rows of `list` on screen (at least one), each with the icon it ends up with drawn (as
   * setExpectedIcons says): its picture loaded, its brand's mark or badge, or its letter.
   */
  rowsReady(list: string, row: string): boolean;
  /** From the frame in which `ready()` first holds, the end of that frame's rendering. */
  paintedWhen(ready: () => boolean, timeoutMs?: number): Promise<number>;
}

/** The page side: runs in Chromium, written without closures over this module. */
function install(): void {
  const g = globalThis as unknown as { __bench?: PageBench };
  if (g.__bench) return;
  const nextTask = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  const frame = () =>
    new Promise<{ begin: number; end: number }>((resolve) =>
      requestAnimationFrame(
        (begin) => void nextTask().then(() => resolve({ begin, end: performance.now() })),
      ),
    );
  // What each account's icon must be once loaded (setExpectedIcons), by account id.
  const expected = (): Record<string, string> =>
    (globalThis as unknown as { __expectedIcons?: Record<string, string> }).__expectedIcons ?? {};
  const iconReady = (row: Element) => {
    const id = row.getAttribute('data-row-id') ?? row.id.replace(/^quick-row-/, '');
    const icon = row.querySelector('.account-icon');
    if (!icon) return false;
    const want = expected()[id];
    if (want === undefined || want === 'letter') return !icon.matches('.icon-tile');
    if (want === 'image') {
      const img = icon.querySelector('img');
      return icon.matches('.icon-picture') && !!img && img.complete && img.naturalWidth > 0;
    }
    const [kind, key] = want.split(':');
    return (
      icon.matches(kind === 'badge' ? '.brand-badge' : '.brand-icon:not(.brand-badge)') &&
      icon.getAttribute('data-brand') === key
    );
  };
  g.__bench = {
    nextTask,
    frame,
    rowsReady(list, row) {
      const scroller = document.querySelector(list);
      if (!scroller) return false;
      const box = scroller.getBoundingClientRect();
      const shown = [...scroller.querySelectorAll(row)].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > box.top && b.top < box.bottom && b.height > 0;
      });
      return shown.length > 0 && shown.every(iconReady);
    },
    paintedWhen(ready, timeoutMs = 10_000) {
      const until = performance.now() + timeoutMs;
      return new Promise<number>((resolve, reject) => {
        const check = () => {
          if (ready()) void nextTask().then(() => resolve(performance.now()));
          else if (performance.now() > until) reject(new Error('the rows were never drawn'));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
  };
}

/**
 * Installs the helpers in the page now and after every navigation. tsx compiles the bench with
 * esbuild's keepNames, so functions sent to page.evaluate call a __name helper the page must have.
 */
export async function preparePage(page: Page): Promise<void> {
  const script = `globalThis.__name ??= (f) => f; (${install.toString()})();`;
  await page.addInitScript(script);
  await page.evaluate(script);
}

type WithBench = { __bench: PageBench };

/** Tells the page which icon each account shows once everything has loaded (bench/list-icons.ts). */
export async function setExpectedIcons(page: Page, icons: Record<string, string>): Promise<void> {
  const script = `globalThis.__expectedIcons = ${JSON.stringify(icons)};`;
  await page.addInitScript(script);
  await page.evaluate(script);
}

/**
 * Types `keys` into the search box (\b deletes one character), each keystroke measured from setting
 * the text to the end of the frame that draws the result: the input task (React filters and
 * renders) plus that frame's style, layout and paint; the wait for the frame itself is not counted.
 */
export function typeAndTime(page: Page, keys: string, selector: string): Promise<number[]> {
  return page.evaluate(
    async ([keys, selector]) => {
      const bench = (globalThis as unknown as WithBench).__bench;
      const input = document.querySelector(selector) as HTMLInputElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const results: number[] = [];
      let text = '';
      for (const ch of keys) {
        text = ch === '\b' ? text.slice(0, -1) : text + ch;
        await bench.frame(); // start just after a frame, as a key press usually does
        const start = performance.now();
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // React renders a discrete input event before the next task.
        await bench.nextTask();
        const handled = performance.now();
        const { begin, end } = await bench.frame();
        results.push(handled - start + (end - Math.max(begin, handled)));
      }
      return results;
    },
    [keys, selector] as const,
  );
}

export interface ScrollRun {
  /** Each frame's main-thread time: from its begin time to the end of its rendering. */
  frames: number[];
  /** Frames that were due but not drawn (a vsync passed without a new frame). */
  dropped: number;
}

/** Jumps `scroller` back to the top and lets the rows there be drawn. */
export function scrollToTop(page: Page, scroller: string): Promise<void> {
  return page.evaluate(async (scroller) => {
    const bench = (globalThis as unknown as WithBench).__bench;
    (document.querySelector(scroller) as HTMLElement).scrollTop = 0;
    await bench.frame();
    await bench.frame();
  }, scroller);
}

/**
 * Scrolls `scroller` from where it is (scrollToTop first) to the end, `step` pixels per frame, moved
 * in each frame's rAF callback (as a smooth scroll does), and times every frame until the end is drawn.
 */
export function scrollToEnd(page: Page, scroller: string, step: number): Promise<ScrollRun> {
  return page.evaluate(
    async ([scroller, step, frameMs]) => {
      const bench = (globalThis as unknown as WithBench).__bench;
      const box = document.querySelector(scroller) as HTMLElement;
      const frames: number[] = [];
      const begins: number[] = [];
      await new Promise<void>((resolve) => {
        let last = false;
        const onFrame = (begin: number) => {
          begins.push(begin);
          void bench.nextTask().then(() => frames.push(performance.now() - begin));
          if (last) return void bench.nextTask().then(() => resolve());
          box.scrollTop += step;
          last = box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
          requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
      });
      let dropped = 0;
      for (let i = 1; i < begins.length; i++) {
        dropped += Math.max(0, Math.round((begins[i]! - begins[i - 1]!) / frameMs) - 1);
      }
      return { frames, dropped };
    },
    [scroller, step, FRAME_MS] as const,
  );
}

/**
 * The renderer main thread's CPU time (thread time, not wall time, so a busy machine's other
 * processes do not count) while `work` runs, from a Chromium trace of its tasks: in total, and its
 * largest single task.
 */
export async function mainThreadCpu<T>(
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; totalMs: number; largestTaskMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) =>
    events.push(...(data.value as unknown as TraceEvent[])),
  );
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  const result = await work();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  // The page's main thread is the one that recalculates its styles most.
  const styled = new Map<string, number>();
  for (const e of events) {
    if (e.name === 'UpdateLayoutTree')
      styled.set(`${e.pid}:${e.tid}`, (styled.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  }
  const main = [...styled].sort((a, b) => b[1] - a[1])[0]?.[0];
  const tasks = events.filter(
    (e) =>
      `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask',
  );
  const cpu = tasks.map((e) => (e.tdur ?? 0) / 1000);
  return {
    result,
    totalMs: cpu.reduce((sum, ms) => sum + ms, 0),
    largestTaskMs: Math.max(0, ...cpu),
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
}
