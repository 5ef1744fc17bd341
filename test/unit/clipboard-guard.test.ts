// Copied codes leave the clipboard when they expire, unless the user has copied something else since.
import { describe, expect, it } from 'vitest';
import type { ClipboardPort } from '../../electron/ports';
import { ClipboardGuard } from '../../electron/use-cases/clipboard-guard';
import { MemoryClipboard } from '../harness/browser/ports';
import { ManualTime } from '../harness/manual-timers';

function setup() {
  const time = new ManualTime(1_000_000);
  const clipboard = new MemoryClipboard();
  const guard = new ClipboardGuard({ clipboard, clock: time, timers: time });
  return { time, clipboard, guard };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('clipboard guard', () => {
  it('writes the code marked as a secret, for clipboard history and managers to leave alone', async () => {
    const { clipboard, guard } = setup();
    await guard.copy('123456', null);
    expect(clipboard.text).toBe('123456');
    expect(clipboard.secret).toBe(true);
  });

  it('clears the code when it expires', async () => {
    const { time, clipboard, guard } = setup();
    await guard.copy('123456', 1_020_000);
    expect(clipboard.text).toBe('123456');
    time.advance(19_999);
    await settle();
    expect(clipboard.text).toBe('123456');
    time.advance(1);
    await settle();
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone if the user copied something else meanwhile', async () => {
    const { time, clipboard, guard } = setup();
    await guard.copy('123456', 1_020_000);
    clipboard.text = 'my notes';
    time.advance(30_000);
    await settle();
    expect(clipboard.text).toBe('my notes');
  });

  it('never clears when clearing is off (clearAt null)', async () => {
    const { time, clipboard, guard } = setup();
    await guard.copy('123456', null);
    time.advance(3_600_000);
    await settle();
    expect(clipboard.text).toBe('123456');
    expect(time.pending).toBe(0);
  });

  it('a second copy replaces the first timer', async () => {
    const { time, clipboard, guard } = setup();
    await guard.copy('111111', 1_010_000);
    await guard.copy('222222', 1_040_000);
    time.advance(15_000);
    await settle();
    expect(clipboard.text).toBe('222222');
    time.advance(30_000);
    await settle();
    expect(clipboard.text).toBe('');
  });

  it('clears at once on lock if the clipboard still holds our code', async () => {
    const { clipboard, guard } = setup();
    await guard.copy('123456', 1_020_000);
    await guard.clearIfOurs();
    expect(clipboard.text).toBe('');
  });
});

describe('a lock while the code is still being written', () => {
  it('clears the code once the write lands, instead of leaving it until its timer', async () => {
    const time = new ManualTime(1_000_000);
    const clipboard = new MemoryClipboard();
    let land = () => {};
    const slow: ClipboardPort = {
      readText: () => clipboard.readText(),
      clear: () => clipboard.clear(),
      writeSecret: (text) =>
        new Promise<void>((resolve) => {
          land = () => void clipboard.writeSecret(text).then(resolve);
        }),
    };
    const guard = new ClipboardGuard({ clipboard: slow, clock: time, timers: time });
    const copying = guard.copy('123456', 1_020_000);
    await guard.clearIfOurs(); // the vault locks before the write has landed
    land();
    await copying;
    await settle();
    expect(clipboard.text).toBe('');
    expect(time.pending).toBe(0);
  });

  it('a second copy started while the first is written wins, and the first schedules nothing', async () => {
    const { time, clipboard, guard } = setup();
    const first = guard.copy('111111', 1_010_000);
    const second = guard.copy('222222', 1_040_000);
    await Promise.all([first, second]);
    expect(clipboard.text).toBe('222222');
    expect(time.pending).toBe(1);
    time.advance(15_000);
    await settle();
    expect(clipboard.text).toBe('222222');
  });
});
