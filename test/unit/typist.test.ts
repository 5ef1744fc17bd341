// Where the typing engine says it cannot type, from the environment alone: Wayland (no general way
// to type into another app), no display at all, a platform without libnut; and a DISPLAY that names
// no running server, which is checked before libnut is loaded (libnut would crash the process).
import { describe, expect, it } from 'vitest';
import { desktopKind, displayAddress, systemTypist } from '../../electron/system/typist';

describe('what kind of desktop this is', () => {
  it('X11 where only DISPLAY is set', () => {
    expect(desktopKind({ DISPLAY: ':0' }, 'linux')).toEqual({ kind: 'x11', display: ':0' });
    expect(desktopKind({ DISPLAY: ':1', XDG_SESSION_TYPE: 'x11' }, 'linux')).toEqual({
      kind: 'x11',
      display: ':1',
    });
  });

  it('Wayland where the session says so, even with XWayland’s DISPLAY set', () => {
    for (const env of [
      { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' },
      { XDG_SESSION_TYPE: 'Wayland' },
      { WAYLAND_DISPLAY: 'wayland-0' },
      { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' },
    ]) {
      expect(desktopKind(env, 'linux')).toEqual({ kind: 'unavailable', reason: 'wayland' });
    }
  });

  it('X11 where the session says x11 though a WAYLAND_DISPLAY leaked in', () => {
    expect(
      desktopKind(
        { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' },
        'linux',
      ),
    ).toEqual({ kind: 'x11', display: ':0' });
  });

  it('no display on a Linux console or server', () => {
    expect(desktopKind({}, 'linux')).toEqual({ kind: 'unavailable', reason: 'no-display' });
    expect(desktopKind({ XDG_SESSION_TYPE: 'tty' }, 'linux')).toEqual({
      kind: 'unavailable',
      reason: 'no-display',
    });
  });

  it('Windows and macOS by platform; anything else unsupported', () => {
    expect(desktopKind({}, 'win32')).toEqual({ kind: 'windows' });
    expect(desktopKind({ WAYLAND_DISPLAY: 'x' }, 'darwin')).toEqual({ kind: 'macos' });
    expect(desktopKind({ DISPLAY: ':0' }, 'freebsd')).toEqual({
      kind: 'unavailable',
      reason: 'unsupported',
    });
  });
});

describe('where an X display listens', () => {
  it('a local socket for :N, :N.S and unix:N', () => {
    expect(displayAddress(':0')).toEqual({ path: '/tmp/.X11-unix/X0' });
    expect(displayAddress(':12.0')).toEqual({ path: '/tmp/.X11-unix/X12' });
    expect(displayAddress('unix:3')).toEqual({ path: '/tmp/.X11-unix/X3' });
  });

  it('TCP port 6000+N for host:N', () => {
    expect(displayAddress('localhost:10.0')).toEqual({ host: 'localhost', port: 6010 });
  });

  it('nothing for what is not a display name', () => {
    expect(displayAddress('')).toBeNull();
    expect(displayAddress('wayland-0')).toBeNull();
    expect(displayAddress(':x')).toBeNull();
  });
});

describe('the engine’s availability', () => {
  it('passes on the reason without loading libnut, and refuses to type', async () => {
    for (const [env, reason] of [
      [{ XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0' }, 'wayland'],
      [{}, 'no-display'],
    ] as const) {
      const typist = systemTypist(env, 'linux');
      expect(await typist.availability()).toEqual({ available: false, reason });
      await expect(typist.type('123456')).rejects.toThrow(reason);
    }
    expect(await systemTypist({}, 'aix').availability()).toEqual({
      available: false,
      reason: 'unsupported',
    });
  });

  it('on macOS, asks for the Accessibility permission once and copies until it is given', async () => {
    const asked: boolean[] = [];
    const typist = systemTypist({}, 'darwin', (prompt) => {
      asked.push(prompt);
      return false;
    });
    expect(await typist.availability()).toEqual({ available: false, reason: 'failed' });
    expect(await typist.availability()).toEqual({ available: false, reason: 'failed' });
    await expect(typist.type('123456')).rejects.toThrow('failed');
    // Checked each time, the system's dialog shown once.
    expect(asked.filter((prompt) => prompt)).toEqual([true]);
    expect(asked.filter((prompt) => !prompt).length).toBe(3);
  });

  it.skipIf(process.platform === 'darwin')(
    'says the library failed where its binary does not load (macOS’s, here)',
    async () => {
      const typist = systemTypist({}, 'darwin', () => true);
      expect(await typist.availability()).toEqual({ available: false, reason: 'failed' });
    },
  );

  it('says no display where DISPLAY names a server that is not running', async () => {
    // A display number no X server here uses: its socket does not exist.
    const typist = systemTypist({ DISPLAY: ':9876' }, 'linux');
    expect(await typist.availability()).toEqual({ available: false, reason: 'no-display' });
    await expect(typist.type('123456')).rejects.toThrow('no-display');
  });
});
