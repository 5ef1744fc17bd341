// Terminal input for the CLI: no-echo password prompts, yes/no confirmations, and lines from stdin.
import { openSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { ReadStream } from 'node:tty';
import { AuthdeskError } from '../../shared/errors';

export interface Terminal {
  /** Asks for a secret without echoing it. */
  secret(prompt: string): Promise<string>;
  /** Asks a yes/no question; the default is no. */
  confirm(question: string): Promise<boolean>;
  readonly interactive: boolean;
}

/** A terminal on a TTY: raw-mode reads so nothing typed is echoed. */
export function ttyTerminal(
  input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void },
  output: Writable,
): Terminal {
  const interactive = Boolean(input.isTTY && input.setRawMode);
  const readLine = (prompt: string, echo: boolean) =>
    new Promise<string>((resolve, reject) => {
      if (!interactive || !input.setRawMode) {
        reject(noTerminal());
        return;
      }
      // Raw mode first: once the prompt shows, Ctrl+C must reach us as a key, not as SIGINT.
      input.setRawMode(true);
      input.resume();
      output.write(prompt);
      let value = '';
      const finish = (error?: Error) => {
        input.setRawMode?.(false);
        input.pause();
        input.off('data', onData);
        output.write('\n');
        if (error) reject(error);
        else resolve(value);
      };
      const onData = (chunk: Buffer | string) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return finish();
          if (ch === '\u0003') return finish(new CancelledError());
          if (ch === '\u0004') return value ? undefined : finish(new CancelledError());
          if (ch === '\u007f' || ch === '\b') {
            if (value) {
              value = [...value].slice(0, -1).join('');
              if (echo) output.write('\b \b');
            }
            continue;
          }
          if (ch < ' ') continue;
          value += ch;
          if (echo) output.write(ch);
        }
      };
      input.on('data', onData);
    });

  return {
    interactive,
    secret: (prompt) => readLine(prompt, false),
    confirm: async (question) =>
      /^y(es)?$/i.test((await readLine(`${question} [y/N] `, true)).trim()),
  };
}

/**
 * Prompts on the controlling terminal (/dev/tty) rather than on standard input, for when standard
 * input carries data (`add --secret-stdin`), as ssh and gpg ask for a passphrase. It is opened for
 * each prompt and closed after it; without one (no terminal, or Windows) a prompt is INVALID_ARGUMENT.
 */
export function controllingTerminal(output: Writable, device = '/dev/tty'): Terminal {
  const onTty = async <T>(ask: (terminal: Terminal) => Promise<T>): Promise<T> => {
    let input: ReadStream;
    try {
      input = new ReadStream(openSync(device, 'r'));
    } catch {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        'There is no terminal to ask for the vault password: with --secret-stdin, standard input carries the secret key, so the password is asked on the terminal.',
      );
    }
    try {
      return await ask(ttyTerminal(input, output));
    } finally {
      input.destroy();
    }
  };
  return {
    interactive: true,
    secret: (prompt) => onTty((terminal) => terminal.secret(prompt)),
    confirm: (question) => onTty((terminal) => terminal.confirm(question)),
  };
}

/**
 * The one line `--secret-stdin` reads, trimmed. INVALID_ARGUMENT when standard input is a terminal
 * (typing there would echo the key: the prompt does not), holds nothing, or holds more than one line.
 */
export async function readOneLine(input: Readable & { isTTY?: boolean }): Promise<string> {
  if (input.isTTY) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      '--secret-stdin reads the secret key from a pipe or a file, not from the terminal. At a terminal, leave it out: Authdesk asks for the key without showing it.',
    );
  }
  const lines = (await readAll(input))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'Standard input is empty: --secret-stdin reads the secret key from it (one line).',
    );
  }
  if (lines.length > 1) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `Standard input holds ${lines.length} lines: --secret-stdin reads one secret key (or one otpauth:// URI). Nothing was added.`,
    );
  }
  return lines[0]!;
}

/** Ctrl+C or Ctrl+D at a prompt. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
  }
}

function noTerminal(): AuthdeskError {
  return new AuthdeskError(
    'INVALID_ARGUMENT',
    'There is no terminal to ask for the password. Use --password-stdin to pass it on standard input.',
  );
}

/** Reads standard input to its end once, then hands out one line per call. */
export class StdinLines {
  private lines: Promise<string[]> | undefined;
  private next = 0;

  constructor(private readonly input: Readable) {}

  async line(what: string): Promise<string> {
    this.lines ??= readAll(this.input).then((text) => text.split(/\r?\n/));
    const lines = await this.lines;
    const value = lines[this.next++];
    if (value === undefined || (value === '' && this.next >= lines.length)) {
      throw new AuthdeskError('INVALID_ARGUMENT', `Standard input ended before the ${what}.`);
    }
    return value;
  }
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
