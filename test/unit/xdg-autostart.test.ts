// Linux's start with the system: where the autostart entry goes, the Exec line quoted per the Desktop
// Entry Specification (and read back by GLib's own launcher where `gio` is installed), and the file
// written atomically and removed idempotently in a real temp folder.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyAutostart,
  autostartPath,
  desktopEntry,
  execArgument,
  execLine,
  removeAutostart,
} from '../../electron/use-cases/xdg-autostart';

const run = promisify(execFile);

describe('the autostart entry', () => {
  it('goes to $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when it is unset or relative', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/a')).toBe(
      '/cfg/autostart/authdesk.desktop',
    );
    expect(autostartPath({}, '/home/a')).toBe('/home/a/.config/autostart/authdesk.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: '' }, '/home/a')).toBe(
      '/home/a/.config/autostart/authdesk.desktop',
    );
    expect(autostartPath({ XDG_CONFIG_HOME: 'rel/cfg' }, '/home/a')).toBe(
      '/home/a/.config/autostart/authdesk.desktop',
    );
  });

  it('quotes an Exec argument only when the spec asks, escaping inside the quotes', () => {
    expect(execArgument('/opt/Authdesk/authdesk')).toBe('/opt/Authdesk/authdesk');
    expect(execArgument('--hidden')).toBe('--hidden');
    expect(execArgument('/home/a/My Apps/Authdesk.AppImage')).toBe(
      '"/home/a/My Apps/Authdesk.AppImage"',
    );
    expect(execArgument('')).toBe('""');
    expect(execArgument('a"b')).toBe('"a\\"b"');
    expect(execArgument('$HOME')).toBe('"\\$HOME"');
    expect(execArgument('`x`')).toBe('"\\`x\\`"');
    expect(execArgument("it's")).toBe('"it\'s"');
    expect(execArgument('100%')).toBe('100%%');
    expect(execArgument('50% off')).toBe('"50%% off"');
  });

  it('writes a quoted backslash as four, as the spec’s own example says', () => {
    expect(execLine(['/a b/c\\d'])).toBe('"/a b/c\\\\\\\\d"');
    expect(execLine(['/x', 'line\nbreak'])).toBe('/x "line\\nbreak"');
  });

  it('is a desktop entry that starts the command, hidden when asked', () => {
    const text = desktopEntry(['/tmp/Auth Desk.AppImage', '--hidden']);
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Authdesk',
      'Comment=Authenticator codes (TOTP) from an encrypted vault',
      'Exec="/tmp/Auth Desk.AppImage" --hidden',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });
});

describe('the autostart file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authdesk-autostart-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is written (folder created), replaced atomically, and removed idempotently', async () => {
    const file = autostartPath({ XDG_CONFIG_HOME: join(dir, 'config') }, '/nowhere');
    await applyAutostart(file, true, ['/opt/Authdesk/authdesk']);
    expect(await readFile(file, 'utf8')).toContain('\nExec=/opt/Authdesk/authdesk\n');

    await applyAutostart(file, true, ['/opt/Authdesk/authdesk', '--hidden']);
    expect(await readFile(file, 'utf8')).toContain('\nExec=/opt/Authdesk/authdesk --hidden\n');
    // Nothing beside it: the temporary file of the atomic write is gone.
    expect(await readdir(join(dir, 'config', 'autostart'))).toEqual(['authdesk.desktop']);

    await applyAutostart(file, false, []);
    expect(await readdir(join(dir, 'config', 'autostart'))).toEqual([]);
    await applyAutostart(file, false, []);
    await removeAutostart(join(dir, 'no-such-folder', 'authdesk.desktop'));
  });

  it('reports a folder it cannot write as an IO error', async () => {
    const blocker = join(dir, 'config');
    await writeFile(blocker, 'a file where the folder should be');
    const file = autostartPath({ XDG_CONFIG_HOME: blocker }, '/nowhere');
    await expect(applyAutostart(file, true, ['/x'])).rejects.toThrow();
  });
});

// GLib's launcher reads the entry as a desktop does and runs the command; a FIFO hands the
// arguments back, so the test waits on the program itself, not on time.
const gio = await run('gio', ['--version']).then(
  () => true,
  () => false,
);

describe.skipIf(process.platform !== 'linux' || !gio)(
  'the entry read back by GLib (gio launch)',
  () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'authdesk gio $x "q" '));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('runs the program at an awkward path with awkward arguments, each as written', async () => {
      const fifo = join(dir, 'args.fifo');
      await run('mkfifo', [fifo]);
      const program = join(dir, "it's a `program` \\ (1).sh");
      await writeFile(
        program,
        // The temp folder's name holds no single quote, so single quotes keep the shell off it.
        `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${fifo}'\n`,
      );
      await chmod(program, 0o755);
      const args = [
        '--hidden',
        'a b',
        '100%',
        'q"uote',
        'back\\slash',
        'two\\\\backslashes',
        '$HOME',
        '',
        'tab\there',
      ];
      const entry = join(dir, 'authdesk.desktop');
      await applyAutostart(entry, true, [program, ...args]);

      const received = readFile(fifo, 'utf8');
      await run('gio', ['launch', entry]);
      expect((await received).split('\n').slice(0, -1)).toEqual(args);
    });
  },
);
