// Start with the system on Linux: an XDG autostart entry, $XDG_CONFIG_HOME/autostart/authdesk.desktop
// (~/.config/autostart by default), written atomically when the setting is on and removed when it is
// off. The Exec line is quoted as the Desktop Entry Specification says, so a path with spaces,
// quotes, `$` or `%` runs as written.
import { mkdir, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { writeFileDurably } from '../vault/durable-write';

export const AUTOSTART_FILE = 'authdesk.desktop';

/** Where the entry goes: $XDG_CONFIG_HOME when it is an absolute path (the spec ignores others). */
export function autostartPath(env: Record<string, string | undefined>, home: string): string {
  const configHome = env.XDG_CONFIG_HOME;
  const base = configHome && isAbsolute(configHome) ? configHome : join(home, '.config');
  return join(base, 'autostart', AUTOSTART_FILE);
}

// The spec's reserved characters: an argument holding one (or empty) is written in double quotes.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One argument of an Exec line, before the key's own string escaping: `%` doubled (it starts field
 * codes), then, when needed, double quotes with `"`, `` ` ``, `$` and `\` escaped by a backslash.
 */
export function execArgument(arg: string): string {
  const literal = arg.replaceAll('%', '%%');
  if (literal !== '' && !RESERVED.test(literal)) return literal;
  return `"${literal.replace(/["`$\\]/g, '\\$&')}"`;
}

/**
 * The Exec value as written in the file: the quoted arguments, then the escaping every string value
 * gets (applied on top, so a quoted backslash is four in the file, as the spec's example says).
 */
export function execLine(command: readonly string[]): string {
  return escapeValue(command.map(execArgument).join(' '));
}

function escapeValue(value: string): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll('\n', '\\n')
    .replaceAll('\t', '\\t')
    .replaceAll('\r', '\\r');
}

export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Authdesk',
    'Comment=Authenticator codes (TOTP) from an encrypted vault',
    `Exec=${execLine(command)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes the entry (temporary file, fsync, rename), creating the autostart folder if needed. */
export async function writeAutostart(file: string, command: readonly string[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileDurably(file, desktopEntry(command), { what: 'autostart entry' });
}

/** Removes the entry; nothing to remove is not an error. */
export async function removeAutostart(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** The setting applied: the entry written with this start's command, or removed. */
export async function applyAutostart(
  file: string,
  enabled: boolean,
  command: readonly string[],
): Promise<void> {
  if (enabled) await writeAutostart(file, command);
  else await removeAutostart(file);
}
