// The built preload must run in Electron's sandbox, where `require` knows only `electron`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PRELOAD = path.join(import.meta.dirname, '../../dist/preload/preload.cjs');

describe('preload bundle', () => {
  it('requires nothing but electron and exposes only the bridge', () => {
    expect(existsSync(PRELOAD), 'run `npm run build` first (npm test does)').toBe(true);
    const source = readFileSync(PRELOAD, 'utf8');
    const required = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(
      [...source.matchAll(/exposeInMainWorld\(\s*["']([^"']+)["']/g)].map((m) => m[1]),
    ).toEqual(['authdesk']);
    expect(source.length).toBeLessThan(10_000);
  });
});
