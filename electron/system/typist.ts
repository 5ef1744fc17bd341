// The typing engine: types a code as keystrokes into the window that has the focus, through libnut
// (@nut-tree-fork/libnut-<platform>: N-API prebuilt binaries, so the same .node file loads in plain
// Node and in Electron without a rebuild). XTest on Linux X11, SendInput on Windows, CGEvent on macOS
// (which asks for the Accessibility permission). Plain Node, no Electron: test/unit/typist-x11.test.ts
// drives it for real under Xvfb, and bench/typing.ts times it.
//
// Wayland has no general way to type into another app's window (the compositor keeps input to
// itself; XTest only reaches X clients under XWayland), so a Wayland session is reported as such and
// the caller copies instead. libnut crashes the process when it cannot open the X display, so a
// Linux display is first checked to be there (its socket answers) before libnut is even loaded.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import type { TypistPort, TypistUnavailableReason } from '../ports';

/** What kind of desktop this process runs in, as far as typing into other windows goes. */
export type DesktopKind =
  | { kind: 'x11'; display: string }
  | { kind: 'windows' }
  | { kind: 'macos' }
  | { kind: 'unavailable'; reason: 'wayland' | 'no-display' | 'unsupported' };

/**
 * From the environment alone: a Wayland session (XDG_SESSION_TYPE=wayland, or WAYLAND_DISPLAY set
 * without XDG_SESSION_TYPE=x11) is Wayland even when DISPLAY is set too, since DISPLAY then names
 * XWayland, which reaches only X clients; DISPLAY alone is X11; neither is no display.
 */
export function desktopKind(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): DesktopKind {
  if (platform === 'win32') return { kind: 'windows' };
  if (platform === 'darwin') return { kind: 'macos' };
  if (platform !== 'linux') return { kind: 'unavailable', reason: 'unsupported' };
  const session = env.XDG_SESSION_TYPE?.toLowerCase();
  if (session === 'wayland') return { kind: 'unavailable', reason: 'wayland' };
  if (env.WAYLAND_DISPLAY && session !== 'x11') return { kind: 'unavailable', reason: 'wayland' };
  if (env.DISPLAY) return { kind: 'x11', display: env.DISPLAY };
  return { kind: 'unavailable', reason: 'no-display' };
}

/** Where an X display listens: ":1" and "unix:1.0" a local socket, "host:1" TCP port 6001. */
export function displayAddress(
  display: string,
): { path: string } | { host: string; port: number } | null {
  const match = /^([^:]*):(\d+)(?:\.\d+)?$/.exec(display);
  if (!match) return null;
  const [, host, number] = match;
  if (host === '' || host === 'unix') return { path: `/tmp/.X11-unix/X${number}` };
  return { host: host!, port: 6000 + Number(number) };
}

/** Whether something answers at the display's address (within 1 s). */
async function displayAnswers(display: string): Promise<boolean> {
  const address = displayAddress(display);
  if (!address) return false;
  if ('path' in address && !existsSync(address.path)) return false;
  return new Promise((resolve) => {
    const socket = connect(address);
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The part of libnut used here (index.d.ts of each platform package). */
interface Libnut {
  typeString(text: string): void;
  setKeyboardDelay(ms: number): void;
}

const PACKAGES: Partial<Record<NodeJS.Platform, string>> = {
  linux: '@nut-tree-fork/libnut-linux',
  win32: '@nut-tree-fork/libnut-win32',
  darwin: '@nut-tree-fork/libnut-darwin',
};

/** Loads libnut for this platform (once); throws when its binary does not load. */
function loadLibnut(platform: NodeJS.Platform): Libnut {
  const name = PACKAGES[platform];
  if (!name) throw new Error(`no typing library for ${platform}`);
  const libnut = createRequire(import.meta.url)(name) as Libnut;
  // libnut waits this long after each key press; a code's keys need no pause between them.
  libnut.setKeyboardDelay(0);
  return libnut;
}

/**
 * The real typing engine for this process's platform and environment. `accessibility` (macOS): whether
 * the app may send keystrokes to other apps, and with `prompt`, asks the user once to allow it
 * (Electron's systemPreferences.isTrustedAccessibilityClient); without it, macOS drops them silently.
 */
export function systemTypist(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  accessibility: (prompt: boolean) => boolean = () => true,
): TypistPort {
  let libnut: Libnut | undefined;
  let asked = false;
  const load = (): Libnut => (libnut ??= loadLibnut(platform));
  const check = async (): Promise<
    { available: true } | { available: false; reason: TypistUnavailableReason }
  > => {
    const desktop = desktopKind(env, platform);
    if (desktop.kind === 'unavailable') return { available: false, reason: desktop.reason };
    if (desktop.kind === 'x11' && !(await displayAnswers(desktop.display))) {
      return { available: false, reason: 'no-display' };
    }
    if (desktop.kind === 'macos' && !accessibility(false)) {
      // Without the permission macOS drops the keystrokes silently: copy instead ('failed'), and show
      // the system's own dialog once per run, where the user can allow Authdesk and try again.
      if (!asked) accessibility((asked = true));
      return { available: false, reason: 'failed' };
    }
    try {
      load();
    } catch (error) {
      console.error('the typing library did not load:', error);
      return { available: false, reason: 'failed' };
    }
    return { available: true };
  };
  return {
    availability: check,
    async type(text) {
      const availability = await check();
      if (!availability.available) throw new Error(`cannot type: ${availability.reason}`);
      load().typeString(text);
    },
  };
}
