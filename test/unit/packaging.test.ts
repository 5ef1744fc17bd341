// electron-builder.yml, read with a YAML parser and checked with electron-builder's own file matcher:
// targets, asar, fuses (DESIGN.md §7), what goes into the package, and the zxing wasm the QR worker reads.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const config = parse(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asar: boolean;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  electronFuses: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

// electron-builder's matcher (app-builder-lib is electron-builder's core), so the test and the
// packager agree on what a pattern means.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { FileMatcher, getNodeModuleFileMatcher } = builderRequire(
  'app-builder-lib/out/fileMatcher',
) as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (s: string) => string,
    patterns: string[],
  ) => {
    createFilter(): Filter;
  };
  getNodeModuleFileMatcher: (
    appDir: string,
    to: string,
    expand: (s: string) => string,
    platformOptions: object,
    packager: { config: object; debugLogger: { isEnabled: boolean } },
  ) => { createFilter(): Filter };
};
type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
const FILE = { isDirectory: () => false };
const same = (s: string) => s;

const appFilter = new FileMatcher(REPO, '/app', same, config.files).createFilter();
const packagesApp = (rel: string) => appFilter(path.join(REPO, rel), FILE);
const moduleFilter = getNodeModuleFileMatcher(
  REPO,
  '/app',
  same,
  {},
  {
    config,
    debugLogger: { isEnabled: false },
  },
).createFilter();
const packagesModuleFile = (rel: string) => moduleFilter(path.join(REPO, rel), FILE);

/** Every file of the repository outside installed, built and generated folders. */
function sourceFiles(dir = ''): string[] {
  const skip = new Set([
    'node_modules',
    'dist',
    'release',
    'test-results',
    'playwright-report',
    '.git',
  ]);
  return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return skip.has(rel) ? [] : sourceFiles(rel);
    return entry.isFile() ? [rel] : [];
  });
}

describe('electron-builder.yml', () => {
  it('builds AppImage and deb for Linux, NSIS for Windows, dmg for macOS', () => {
    expect([...config.linux.target].sort()).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('packs the app into an asar archive', () => {
    expect(config.asar).toBe(true);
  });

  it('turns off running as Node and turns on cookie encryption and asar integrity', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('names only fuses electron-builder knows (a misspelt one would stay at its default)', () => {
    const scheme = builderRequire('app-builder-lib/scheme.json') as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    for (const fuse of Object.keys(config.electronFuses)) expect(known).toContain(fuse);
  });

  it('packages the built main, preload and renderer bundles and package.json', () => {
    const wanted = [
      pkg.main,
      'dist/main/qr-worker.js',
      'dist/main/assets/decode-AbC123.js',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-AbC123.js',
      'dist/renderer/assets/index-AbC123.css',
      'package.json',
    ];
    for (const file of wanted) expect(packagesApp(file), file).toBe(true);
  });

  it('leaves out source maps, the CLI bundle and every source, test, script and config file', () => {
    const unwanted = [
      'dist/main/main.js.map',
      'dist/main/qr-worker.js.map',
      'dist/preload/preload.cjs.map',
      'dist/renderer/assets/index-AbC123.js.map',
      'dist/cli/authdesk.js',
    ];
    for (const file of unwanted) expect(packagesApp(file), file).toBe(false);
    const files = sourceFiles();
    expect(files).toContain('electron/main.ts'); // the walk found the sources
    expect(files.filter(packagesApp)).toEqual(['package.json']);
  });

  it('ships the zxing wasm in the package, where electron/qr/zxing.ts resolves it', () => {
    // zxing.ts resolves 'zxing-wasm/reader/zxing_reader.wasm' through the package's exports and
    // reads it with fs in the QR worker thread. Electron's fs reads asar paths in worker threads too
    // (since Electron 18), and unpacked files through the same path, so inside the asar is enough.
    // electron-builder copies production dependencies only, filtered by the excludes in `files`.
    expect(Object.keys(pkg.dependencies)).toContain('zxing-wasm');
    expect(Object.keys(pkg.devDependencies)).not.toContain('zxing-wasm');
    const resolved = createRequire(path.join(REPO, 'electron/qr/zxing.ts')).resolve(
      'zxing-wasm/reader/zxing_reader.wasm',
    );
    const rel = path.relative(REPO, resolved).split(path.sep).join('/');
    expect(rel).toBe('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
    expect(existsSync(resolved)).toBe(true);
    expect(packagesModuleFile(rel)).toBe(true);
    // The worker that reads it is packaged beside main.js (see config/vite.node.ts and qr/decoder.ts).
    expect(packagesApp('dist/main/qr-worker.js')).toBe(true);
  });
});
