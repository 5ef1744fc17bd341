// The IPC door's guard with fake events: only our window's live top frame on app://authdesk/ gets an
// answer; every other caller gets "Refused." and no handler runs. bindIpc is given a fake ipcMain.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { METHODS, channelOf } from '../../shared/ipc';
import type { Handlers } from '../../electron/ipc/handlers';
import {
  bindIpc,
  frameCheck,
  REFUSED,
  type GuardEvent,
  type GuardWindow,
  type InvokeRegistry,
  windowsCheck,
} from '../../electron/system/ipc-binding';
import { QUICK_ACCESS_URL, RENDERER_URL } from '../../electron/system/renderer-files';

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

/** A window as Electron shows it: reading webContents of a destroyed one throws. */
function fakeWindow(url = RENDERER_URL) {
  const mainFrame: FakeFrame = { url, parent: null };
  const contents = { mainFrame };
  let destroyed = false;
  const win = {
    isDestroyed: () => destroyed,
    get webContents() {
      if (destroyed) throw new TypeError('Object has been destroyed');
      return contents;
    },
  };
  return {
    win: win as unknown as GuardWindow,
    contents,
    mainFrame,
    destroy: () => (destroyed = true),
  };
}

const event = (sender: unknown, senderFrame: FakeFrame | null) =>
  ({ sender, senderFrame }) as unknown as GuardEvent;

describe('frameCheck', () => {
  it('answers our window top frame on app://authdesk/index.html, with or without a fragment', () => {
    const w = fakeWindow();
    const check = frameCheck(() => w.win, RENDERER_URL);
    expect(check(event(w.contents, w.mainFrame))).toBe(true);
    w.mainFrame.url = `${RENDERER_URL}#/settings`;
    expect(check(event(w.contents, w.mainFrame))).toBe(true);
  });

  it('refuses another web contents (another window) even with a frame that looks right', () => {
    const ours = fakeWindow();
    const theirs = fakeWindow();
    const check = frameCheck(() => ours.win, RENDERER_URL);
    expect(check(event(theirs.contents, theirs.mainFrame))).toBe(false);
    // Our frame reported with their sender, and the other way round.
    expect(check(event(theirs.contents, ours.mainFrame))).toBe(false);
    expect(check(event(ours.contents, theirs.mainFrame))).toBe(false);
  });

  it('refuses a sub-frame of our window, even one showing our own page', () => {
    const w = fakeWindow();
    const check = frameCheck(() => w.win, RENDERER_URL);
    const sub: FakeFrame = { url: RENDERER_URL, parent: w.mainFrame };
    expect(check(event(w.contents, sub))).toBe(false);
  });

  it('refuses our top frame once it shows any other URL', () => {
    const check = (url: string) => {
      const w = fakeWindow(url);
      return frameCheck(() => w.win, RENDERER_URL)(event(w.contents, w.mainFrame));
    };
    for (const url of [
      'file:///opt/Authdesk/resources/app.asar/dist/renderer/index.html',
      'app://authdesk/other.html',
      'app://authdesk/',
      'app://authdesk/index.html?x=1',
      'app://evil/index.html',
      'http://127.0.0.1:5173/index.html',
      'about:blank',
      '',
    ]) {
      expect(check(url), url).toBe(false);
    }
  });

  it('refuses when the window is gone, destroyed, or the sending frame is null or undefined', () => {
    const w = fakeWindow();
    expect(frameCheck(() => undefined, RENDERER_URL)(event(w.contents, w.mainFrame))).toBe(false);
    const check = frameCheck(() => w.win, RENDERER_URL);
    expect(check(event(w.contents, null))).toBe(false);
    expect(check({ sender: w.contents } as unknown as GuardEvent)).toBe(false);
    w.destroy();
    expect(check(event(w.contents, w.mainFrame))).toBe(false);
  });

  it('refuses when reading the frame throws (a frame disposed during the call)', () => {
    const w = fakeWindow();
    const disposed = {
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    w.contents.mainFrame = disposed as unknown as FakeFrame;
    expect(frameCheck(() => w.win, RENDERER_URL)(event(w.contents, disposed))).toBe(false);
  });
});

describe('bindIpc', () => {
  type Listener = (event: IpcMainInvokeEvent, args: unknown) => unknown;

  function bound() {
    const listeners = new Map<string, Listener>();
    const ipc: InvokeRegistry = { handle: (channel, listener) => listeners.set(channel, listener) };
    const calls: string[] = [];
    const handlers = new Proxy(
      {},
      {
        get: (_t, method: string) => async () => {
          calls.push(method);
          return `ran ${method}`;
        },
      },
    ) as Handlers;
    const w = fakeWindow();
    bindIpc(
      ipc,
      handlers,
      frameCheck(() => w.win, RENDERER_URL),
      () => {},
    );
    const invoke = (method: string, from: GuardEvent, args?: unknown) =>
      listeners.get(channelOf(method as (typeof METHODS)[number]))!(
        from as IpcMainInvokeEvent,
        args,
      );
    return { listeners, calls, w, invoke };
  }

  it('registers one channel per contract method and nothing else', () => {
    const { listeners } = bound();
    expect([...listeners.keys()].sort()).toEqual(METHODS.map((m) => channelOf(m)).sort());
  });

  it('runs the handler for our frame and refuses every other caller without running it', async () => {
    const { calls, w, invoke } = bound();
    const stranger = fakeWindow();
    const sub: FakeFrame = { url: RENDERER_URL, parent: w.mainFrame };
    for (const from of [
      event(stranger.contents, stranger.mainFrame),
      event(w.contents, sub),
      event(w.contents, null),
    ]) {
      expect(await invoke('lock', from)).toEqual(REFUSED);
    }
    expect(calls).toEqual([]);
    expect(await invoke('lock', event(w.contents, w.mainFrame))).toEqual({
      ok: true,
      value: 'ran lock',
    });
    expect(calls).toEqual(['lock']);
    w.destroy();
    expect(await invoke('lock', event(w.contents, w.mainFrame))).toEqual(REFUSED);
    expect(calls).toEqual(['lock']);
  });
});

describe('windowsCheck: the main window and quick access, each on its own page', () => {
  const main = fakeWindow(RENDERER_URL);
  const quick = fakeWindow(QUICK_ACCESS_URL);
  const check = windowsCheck([
    { getWindow: () => main.win, rendererUrl: RENDERER_URL },
    { getWindow: () => quick.win, rendererUrl: QUICK_ACCESS_URL },
  ]);

  it('answers the top frame of each window on its own page', () => {
    expect(check(event(main.contents, main.mainFrame))).toBe(true);
    expect(check(event(quick.contents, quick.mainFrame))).toBe(true);
  });

  it("refuses a window showing the other's page, a third window, and sub-frames", () => {
    const swappedMain = fakeWindow(QUICK_ACCESS_URL);
    const swappedQuick = fakeWindow(RENDERER_URL);
    const swapped = windowsCheck([
      { getWindow: () => swappedMain.win, rendererUrl: RENDERER_URL },
      { getWindow: () => swappedQuick.win, rendererUrl: QUICK_ACCESS_URL },
    ]);
    expect(swapped(event(swappedMain.contents, swappedMain.mainFrame))).toBe(false);
    expect(swapped(event(swappedQuick.contents, swappedQuick.mainFrame))).toBe(false);
    const third = fakeWindow(QUICK_ACCESS_URL);
    expect(check(event(third.contents, third.mainFrame))).toBe(false);
    // Quick access's frame presented as coming from the main window's contents.
    expect(check(event(main.contents, quick.mainFrame))).toBe(false);
    const sub = { url: QUICK_ACCESS_URL, parent: quick.mainFrame };
    expect(check(event(quick.contents, sub))).toBe(false);
  });

  it('refuses quick access before it exists and after it is destroyed', () => {
    const made: { win?: GuardWindow } = {};
    const late = windowsCheck([{ getWindow: () => made.win, rendererUrl: QUICK_ACCESS_URL }]);
    const q = fakeWindow(QUICK_ACCESS_URL);
    expect(late(event(q.contents, q.mainFrame))).toBe(false);
    made.win = q.win;
    expect(late(event(q.contents, q.mainFrame))).toBe(true);
    q.destroy();
    expect(late(event(q.contents, q.mainFrame))).toBe(false);
  });
});

describe('main.ts', () => {
  it('binds ipcMain with the check of exactly our two windows, each on its own app:// page', () => {
    const main = readFileSync(path.join(import.meta.dirname, '../../electron/main.ts'), 'utf8');
    const compact = main.replace(/\s+/g, ' ');
    expect(compact).toContain(
      'bindIpc( ipcMain, services.handlers, windowsCheck([ { getWindow, rendererUrl: RENDERER_URL }, ' +
        '{ getWindow: () => quick?.window(), rendererUrl: QUICK_ACCESS_URL }, ]), );',
    );
    expect(main.match(/bindIpc\(/g)).toHaveLength(1);
  });
});
