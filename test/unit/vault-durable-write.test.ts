// Atomic durable writes: the order of the steps, the .bak generation, and failures that change nothing.
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileDurably, type DurableFs } from '../../electron/vault/durable-write';
import { removeTempDir, tempVaultFile } from '../harness/vault-fixtures';

let dir: string;
let file: string;
beforeEach(async () => ({ dir, file } = await tempVaultFile()));
afterEach(() => removeTempDir(dir));

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
const read = (p: string) => fs.readFile(p, 'utf8');

/** The real fs, recording each call; `fail` may throw instead of calling through. */
function recordingFs(fail: (call: string, args: unknown[]) => void = () => undefined) {
  const calls: string[] = [];
  const name = (p: unknown) => path.relative(dir, String(p)) || '.';
  const wrap =
    <A extends unknown[], R>(call: string, real: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const paths = call === 'open' ? args.slice(0, 1) : args.slice(0, 2);
      calls.push([call, ...paths.map(name)].join(' '));
      fail(call, args);
      return real(...args);
    };
  const seam: DurableFs = {
    open: wrap('open', fs.open) as DurableFs['open'],
    rename: wrap('rename', fs.rename),
    link: wrap('link', fs.link),
    unlink: wrap('unlink', fs.unlink),
    copyFile: wrap('copyFile', fs.copyFile) as DurableFs['copyFile'],
  };
  return { seam, calls };
}

describe('writeFileDurably', () => {
  it('writes a 0600 temp file, keeps the old file as .bak durably, then renames over and syncs the folder', async () => {
    await writeFileDurably(file, 'one', { keepPrevious: true });
    const { seam, calls } = recordingFs();
    await writeFileDurably(file, 'two', { keepPrevious: true, fs: seam });
    expect(calls).toEqual([
      'unlink vault.json.tmp',
      'open vault.json.tmp',
      'unlink vault.json.bak.tmp',
      'link vault.json vault.json.bak.tmp',
      'rename vault.json.bak.tmp vault.json.bak',
      'unlink vault.json.bak.tmp', // left when .bak already was the main file (rename did nothing)
      'open .', // fsync of the folder: .bak is durable before the main file changes
      'rename vault.json.tmp vault.json',
      'open .',
    ]);
    expect(await read(file)).toBe('two');
    expect(await read(`${file}.bak`)).toBe('one');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(dir)).toEqual(['vault.json', 'vault.json.bak']);
  });

  it('keeps exactly the previous generation in .bak after each write', async () => {
    for (const generation of ['g1', 'g2', 'g3']) {
      await writeFileDurably(file, generation, { keepPrevious: true });
    }
    expect(await read(file)).toBe('g3');
    expect(await read(`${file}.bak`)).toBe('g2');
  });

  it('copies the old file where hard links are not supported', async () => {
    await writeFileDurably(file, 'one', { keepPrevious: true });
    const { seam, calls } = recordingFs((call) => {
      if (call === 'link') throw errno('EPERM');
    });
    await writeFileDurably(file, 'two', { keepPrevious: true, fs: seam });
    expect(calls).toContain('copyFile vault.json vault.json.bak.tmp');
    expect(await read(`${file}.bak`)).toBe('one');
    expect(await read(file)).toBe('two');
  });

  it('reports a full disk as IO_ERROR, leaves the old file and .bak untouched and removes the temp file', async () => {
    await writeFileDurably(file, 'one', { keepPrevious: true });
    await writeFileDurably(file, 'two', { keepPrevious: true });
    const { seam } = recordingFs((call, args) => {
      if (call === 'open' && String(args[0]).endsWith('.tmp')) throw errno('ENOSPC');
    });
    await expect(
      writeFileDurably(file, 'three', { keepPrevious: true, fs: seam, what: 'vault' }),
    ).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/Not enough disk space to save the vault/),
    });
    expect(await read(file)).toBe('two');
    expect(await read(`${file}.bak`)).toBe('one');
    expect(await fs.readdir(dir)).toEqual(['vault.json', 'vault.json.bak']);
  });

  it('reports a failure of the final rename without touching the old file', async () => {
    await writeFileDurably(file, 'one', { keepPrevious: true });
    const { seam } = recordingFs((call, args) => {
      if (call === 'rename' && String(args[1]) === file) throw errno('EACCES');
    });
    await expect(
      writeFileDurably(file, 'two', { keepPrevious: true, fs: seam, what: 'vault' }),
    ).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/No permission/) });
    expect(await read(file)).toBe('one');
    expect(await fs.readdir(dir)).not.toContain('vault.json.tmp');
  });

  it('fails with IO_ERROR on a real obstacle (a folder where the temp file goes), then works once it is gone', async () => {
    await writeFileDurably(file, 'one', { keepPrevious: true });
    await fs.mkdir(path.join(dir, 'vault.json.tmp', 'inside'), { recursive: true });
    await expect(writeFileDurably(file, 'two', { keepPrevious: true })).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
    expect(await read(file)).toBe('one');
    await fs.rm(path.join(dir, 'vault.json.tmp'), { recursive: true });
    await writeFileDurably(file, 'two', { keepPrevious: true });
    expect(await read(file)).toBe('two');
  });

  it('replaces a temp file left by a writer that was killed', async () => {
    await fs.writeFile(`${file}.tmp`, 'half-writ');
    await fs.writeFile(`${file}.bak.tmp`, 'half');
    await writeFileDurably(file, 'one', { keepPrevious: true });
    await writeFileDurably(file, 'two', { keepPrevious: true });
    expect(await read(file)).toBe('two');
    expect((await fs.readdir(dir)).sort()).toEqual(['vault.json', 'vault.json.bak']);
  });
});
