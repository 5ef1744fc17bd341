// electron-builder.yml, read with a YAML parser and checked with electron-builder's own file matcher:
// targets, asar, fuses (DESIGN.md §7), what goes into the package, and the QR worker and zxing wasm and
// the Argon2 worker and hash-wasm, and the icon worker with resvg's wasm, unpacked: a tree packed the way electron-builder packs it (its
// matchers, @electron/asar) in a temp folder, where plain Node, which cannot read an asar, runs the
// workers from the paths the code computes.
// Also the fuse check after packing (scripts/fuses.js, scripts/after-pack.js) on fake fuse wires.
import { execFile } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  lstatSync,
  readFileSync,
  readdirSync,
  statSync,
  type Stats,
} from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createPackageFromStreams, statFile, type AsarStreamType } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { iconWorkerUrl } from '../../electron/icons/icon-pictures';
import type { IconReply } from '../../electron/icons/icon-worker-protocol';
import { resvgWasmFile } from '../../electron/icons/svg-render';
import { argon2WorkerUrl } from '../../electron/import/argon2/argon2-thread';
import type { Argon2Job, Argon2Reply } from '../../electron/import/argon2/protocol';
import { qrWorkerUrl } from '../../electron/qr/decoder';
import { outsideAsar } from '../../electron/qr/outside-asar';
import type { QrReply } from '../../electron/qr/worker-protocol';
import { webpWasmFile } from '../../electron/qr/webp-file';
import { zxingWasmFile } from '../../electron/qr/zxing';
import {
  afterPack,
  electronBinaryOf,
  type AfterPackContextLike,
} from '../../scripts/after-pack.js';
import { FUSE_INDEX, STATE, fuseMismatches, type FuseWire } from '../../scripts/fuses.js';
import { halves, jpegFile, pixel, pixelsOf, squareSvg, webpFile } from '../harness/icon-images';
import { encodeWebp } from '../harness/image-encoders';
import { qrPng, rgbaOfPng } from '../harness/qr-images';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const config = parse(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  afterPack: string;
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
// asarUnpack as electron-builder reads it (platformPackager.js: getFileMatchers(config, 'asarUnpack')),
// called as its AsarPackager calls it: with the source file's path.
const unpackFilter = new FileMatcher(REPO, '/app', same, config.asarUnpack).createFilter();
const unpacks = (rel: string) => unpackFilter(path.join(REPO, rel), FILE);

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

  it('turns off the extra privileges of file:// (the window loads from app://authdesk/)', () => {
    expect(config.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('checks the fuses after packing with the afterPack hook', () => {
    expect(config.afterPack).toBe('./scripts/after-pack.js');
    expect(existsSync(path.join(REPO, config.afterPack))).toBe(true);
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
      'dist/main/argon2-worker.js',
      'dist/main/icon-worker.js',
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
      'dist/main/argon2-worker.js.map',
      'dist/main/icon-worker.js.map',
      'dist/preload/preload.cjs.map',
      'dist/renderer/assets/index-AbC123.js.map',
      'dist/cli/authdesk.js',
    ];
    for (const file of unwanted) expect(packagesApp(file), file).toBe(false);
    const files = sourceFiles();
    expect(files).toContain('electron/main.ts'); // the walk found the sources
    expect(files.filter(packagesApp)).toEqual(['package.json']);
  });

  it('ships the zxing wasm in the package, unpacked, where electron/qr/zxing.ts resolves it', () => {
    // electron-builder copies production dependencies only, filtered by the excludes in `files`.
    expect(Object.keys(pkg.dependencies)).toContain('zxing-wasm');
    expect(Object.keys(pkg.devDependencies)).not.toContain('zxing-wasm');
    const resolved = zxingWasmFile(pathToFileURL(path.join(REPO, 'electron/qr/zxing.ts')).href);
    const rel = path.relative(REPO, resolved).split(path.sep).join('/');
    expect(rel).toBe('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
    expect(existsSync(resolved)).toBe(true);
    expect(packagesModuleFile(rel)).toBe(true);
    expect(unpacks(rel)).toBe(true);
    // The worker that reads it is packaged beside main.js (see config/vite.node.ts and qr/decoder.ts).
    expect(packagesApp('dist/main/qr-worker.js')).toBe(true);
    expect(unpacks('dist/main/qr-worker.js')).toBe(true);
    expect(unpacks('dist/main/assets/decode-AbC123.js')).toBe(true);
    // The rest stays in the archive, under its integrity check.
    for (const file of [
      'dist/main/main.js',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
    ])
      expect(unpacks(file), file).toBe(false);
  });

  it("ships libnut's native binaries (typing a code) in the package, unpacked, and its JavaScript in the archive", () => {
    // electron/system/typist.ts loads @nut-tree-fork/libnut-<platform>, whose index.js finds its
    // .node file with `bindings`; Electron loads a native module only from outside the archive
    // (app.asar.unpacked, which it looks in for a file marked unpacked).
    const binaries = ['linux', 'win32', 'darwin'].map(
      (platform) => `node_modules/@nut-tree-fork/libnut-${platform}/build/Release/libnut.node`,
    );
    for (const rel of binaries) {
      const name = rel.split('/').slice(1, 3).join('/');
      expect(Object.keys(pkg.dependencies), name).toContain(name);
      expect(existsSync(path.join(REPO, rel)), rel).toBe(true);
      expect(packagesModuleFile(rel), rel).toBe(true);
      expect(unpacks(rel), rel).toBe(true);
    }
    expect(
      unpacks('node_modules/@nut-tree-fork/node-mac-permissions/build/Release/permissions.node'),
    ).toBe(true);
    for (const rel of [
      'node_modules/@nut-tree-fork/libnut-linux/index.js',
      'node_modules/@nut-tree-fork/libnut-linux/package.json',
      'node_modules/bindings/bindings.js',
    ]) {
      expect(packagesModuleFile(rel), rel).toBe(true);
      expect(unpacks(rel), rel).toBe(false);
    }
  });
});

/** Every file under `dir` (a nested node_modules aside: those are packages of their own). */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
    return entry.isFile() ? [full] : [];
  });
}

/** The installed folder of package `name` as Node would find it from `from`. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed (from ${from})`);
  }
}

/** `names` and their production dependencies, installed folders, as electron-builder collects them. */
function productionClosure(names: string[], from = REPO, seen = new Set<string>()): Set<string> {
  for (const name of names) {
    const dir = packageDir(name, from);
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    productionClosure(Object.keys(manifest.dependencies ?? {}), dir, seen);
  }
  return seen;
}

/** Packages a built worker and the chunks it imports load by name (node: built-ins aside). */
function workerPackages(mainDir: string, worker = 'qr-worker.js'): string[] {
  const names = new Set<string>();
  const files = [path.join(mainDir, worker)];
  for (let i = 0; i < files.length; i++) {
    const code = readFileSync(files[i]!, 'utf8');
    for (const m of code.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) files.push(path.resolve(path.dirname(files[i]!), spec));
      else if (!spec.startsWith('node:'))
        names.add(
          spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!,
        );
    }
  }
  return [...names];
}

function fileStream(source: string, rel: string, stat: Stats): AsarStreamType {
  return {
    type: 'file',
    path: rel,
    unpacked: unpackFilter(source, stat),
    stat,
    streamGenerator: () => createReadStream(source),
  };
}

/**
 * Packs `files` (repository paths) into `<resources>/app.asar` as electron-builder's AsarPackager does:
 * each file streamed from its source, its parent folders first, `unpacked` from the asarUnpack filter.
 */
async function packLikeElectronBuilder(files: string[], resources: string): Promise<string> {
  const streams: AsarStreamType[] = [];
  const dirs = new Set<string>();
  for (const source of files) {
    const rel = path.relative(REPO, source);
    const parents: string[] = [];
    for (let d = path.dirname(rel); d !== '.'; d = path.dirname(d)) parents.unshift(d);
    for (const d of parents) {
      if (dirs.has(d)) continue;
      dirs.add(d);
      streams.push({ type: 'directory', path: d, unpacked: false });
    }
    streams.push(fileStream(source, rel, lstatSync(source)));
  }
  const archive = path.join(resources, 'app.asar');
  await createPackageFromStreams(archive, streams);
  return archive;
}

describe('the QR and Argon2 workers in a packed app', () => {
  const mainDir = path.join(REPO, 'dist', 'main');
  let base: string;
  let archive: string;
  /** Where main.js is inside the archive, as import.meta.url says in a packaged app. */
  let mainUrl: string;
  let workerPackageDirs: Set<string>;

  beforeAll(async () => {
    expect(existsSync(path.join(mainDir, 'qr-worker.js')), 'run `npm run build` first').toBe(true);
    expect(existsSync(path.join(mainDir, 'argon2-worker.js')), 'run `npm run build` first').toBe(
      true,
    );
    expect(existsSync(path.join(mainDir, 'icon-worker.js')), 'run `npm run build` first').toBe(
      true,
    );
    base = await mkdtemp(path.join(tmpdir(), 'authdesk-packed-'));
    const resources = path.join(base, 'Authdesk', 'resources');
    const appFiles = [
      ...['main', 'preload', 'renderer'].flatMap((d) => walk(path.join(REPO, 'dist', d))),
      path.join(REPO, 'package.json'),
    ].filter((file) => appFilter(file, statSync(file)));
    // The packages the workers load and what they depend on; the rest of the production tree would
    // only make the archive bigger (it is packed and never unpacked: asarUnpack names these alone).
    workerPackageDirs = productionClosure([
      ...workerPackages(mainDir),
      ...workerPackages(mainDir, 'argon2-worker.js'),
    ]);
    const moduleFiles = [...workerPackageDirs]
      .flatMap(walk)
      .filter((file) => moduleFilter(file, statSync(file)));
    await import('node:fs/promises').then((fs) => fs.mkdir(resources, { recursive: true }));
    archive = await packLikeElectronBuilder([...appFiles, ...moduleFiles], resources);
    mainUrl = pathToFileURL(path.join(archive, 'dist', 'main', 'main.js')).href;
  });

  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('loads only zxing-wasm, pngjs and @jsquash/webp by name, and asarUnpack names each of their packages', () => {
    expect(workerPackages(mainDir).sort()).toEqual(['@jsquash/webp', 'pngjs', 'zxing-wasm']);
    for (const dir of productionClosure(workerPackages(mainDir))) {
      const rel = path.relative(REPO, dir).split(path.sep).join('/');
      // Type-only packages (zxing-wasm lists @types/emscripten and type-fest) hold nothing it runs.
      if (!walk(dir).some((file) => /\.(?:[cm]?js|wasm|node)$/.test(file))) continue;
      expect(unpacks(`${rel}/package.json`), rel).toBe(true);
    }
  });

  it('computes the worker path outside the archive, where the file really is', () => {
    const worker = fileURLToPath(qrWorkerUrl(mainUrl));
    expect(worker).toBe(path.join(`${archive}.unpacked`, 'dist', 'main', 'qr-worker.js'));
    expect(statSync(worker).isFile()).toBe(true);
    // The archive lists it as unpacked; main.js itself is inside.
    expect(statFile(archive, 'dist/main/qr-worker.js')).toMatchObject({ unpacked: true });
    expect(statFile(archive, 'dist/main/main.js')).not.toHaveProperty('unpacked', true);
    expect(existsSync(path.join(`${archive}.unpacked`, 'dist', 'main', 'main.js'))).toBe(false);
  });

  it('computes the zxing wasm path outside the archive, from inside it or from the unpacked chunk', () => {
    const chunk = readdirSync(path.join(mainDir, 'assets')).find((f) => /^decode-.*\.js$/.test(f));
    expect(chunk).toBeDefined();
    const wasm = path.join(
      `${archive}.unpacked`,
      'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm',
    );
    const insideUrl = pathToFileURL(path.join(archive, 'dist/main/assets', chunk!)).href;
    expect(zxingWasmFile(insideUrl)).toBe(wasm);
    expect(zxingWasmFile(outsideAsar(insideUrl))).toBe(wasm);
    expect(readFileSync(wasm).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d])); // \0asm
    expect(
      statFile(archive, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'),
    ).toMatchObject({ unpacked: true });
  });

  it('computes the WebP decoder wasm path outside the archive, where the file really is', () => {
    const chunk = readdirSync(path.join(mainDir, 'assets')).find((f) => /^decode-.*\.js$/.test(f));
    const wasm = path.join(
      `${archive}.unpacked`,
      'node_modules/@jsquash/webp/codec/dec/webp_dec.wasm',
    );
    const insideUrl = pathToFileURL(path.join(archive, 'dist/main/assets', chunk!)).href;
    expect(webpWasmFile(insideUrl)).toBe(wasm);
    expect(readFileSync(wasm).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d])); // \0asm
    expect(statFile(archive, 'node_modules/@jsquash/webp/codec/dec/webp_dec.wasm')).toMatchObject({
      unpacked: true,
    });
  });

  it('runs the worker from there in plain Node, which cannot read the archive, and decodes a PNG and a WebP', async () => {
    const worker = new Worker(qrWorkerUrl(mainUrl), { execArgv: [] });
    const uri = 'otpauth://totp/Packed:alice?secret=JBSWY3DPEHPK3PXP&issuer=Packed';
    const ask = (id: number, bytes: Uint8Array) =>
      new Promise<QrReply>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id, kind: 'bytes', bytes });
      });
    try {
      const png = await qrPng(uri);
      const webp = await encodeWebp(rgbaOfPng(png), false);
      for (const [id, bytes] of [
        [1, png],
        [2, webp],
      ] as const) {
        const reply = await ask(id, bytes);
        expect(reply).toMatchObject({ id, ok: true });
        expect(reply.ok && reply.codes.map((c) => c.text)).toEqual([uri]);
        expect(reply.ok && [...reply.codes[0]!.bytes]).toEqual([...Buffer.from(uri)]);
      }
    } finally {
      await worker.terminate();
    }
  });

  it('loads only hash-wasm by name in the Argon2 worker, and asarUnpack names it', () => {
    expect(workerPackages(mainDir, 'argon2-worker.js')).toEqual(['hash-wasm']);
    expect(Object.keys(pkg.dependencies)).toContain('hash-wasm');
    for (const dir of productionClosure(['hash-wasm'])) {
      const rel = path.relative(REPO, dir).split(path.sep).join('/');
      expect(unpacks(`${rel}/package.json`), rel).toBe(true);
      expect(packagesModuleFile(`${rel}/package.json`), rel).toBe(true);
    }
    expect(packagesApp('dist/main/argon2-worker.js')).toBe(true);
    expect(unpacks('dist/main/argon2-worker.js')).toBe(true);
  });

  it('computes the Argon2 worker path outside the archive, where the file really is', () => {
    const worker = fileURLToPath(argon2WorkerUrl(mainUrl));
    expect(worker).toBe(path.join(`${archive}.unpacked`, 'dist', 'main', 'argon2-worker.js'));
    expect(statSync(worker).isFile()).toBe(true);
    expect(statFile(archive, 'dist/main/argon2-worker.js')).toMatchObject({ unpacked: true });
  });

  it('runs the Argon2 worker from there in plain Node and derives the reference key', async () => {
    const worker = new Worker(argon2WorkerUrl(mainUrl), { execArgv: [] });
    try {
      const replies: Argon2Reply[] = [];
      const answered = new Promise<void>((resolve, reject) => {
        worker.on('message', (reply: Argon2Reply) => {
          replies.push(reply);
          if (reply.kind !== 'deriving') resolve();
        });
        worker.once('error', reject);
      });
      // phc-winner-argon2 src/test.c: Argon2id v1.3, m=256 KiB, t=2, p=1, "password" / "somesalt".
      const job: Argon2Job = {
        password: new Uint8Array(Buffer.from('password')),
        salt: new Uint8Array(Buffer.from('somesalt')),
        memoryKiB: 256,
        iterations: 2,
        parallelism: 1,
        hashLength: 32,
      };
      worker.postMessage(job, [job.password.buffer as ArrayBuffer]);
      await answered;
      expect(replies.map((r) => r.kind)).toEqual(['deriving', 'key']);
      const reply = replies[1]!;
      expect(reply.kind === 'key' && Buffer.from(reply.key).toString('hex')).toBe(
        '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe',
      );
    } finally {
      await worker.terminate();
    }
  });
});

describe('the icon worker in a packed app', () => {
  const mainDir = path.join(REPO, 'dist', 'main');
  let base: string;
  let archive: string;
  let mainUrl: string;

  beforeAll(async () => {
    expect(existsSync(path.join(mainDir, 'icon-worker.js')), 'run `npm run build` first').toBe(
      true,
    );
    base = await mkdtemp(path.join(tmpdir(), 'authdesk-packed-icons-'));
    const resources = path.join(base, 'Authdesk', 'resources');
    const appFiles = [...walk(mainDir), path.join(REPO, 'package.json')].filter((file) =>
      appFilter(file, statSync(file)),
    );
    const moduleFiles = [...productionClosure(workerPackages(mainDir, 'icon-worker.js'))]
      .flatMap(walk)
      .filter((file) => moduleFilter(file, statSync(file)));
    await import('node:fs/promises').then((fs) => fs.mkdir(resources, { recursive: true }));
    archive = await packLikeElectronBuilder([...appFiles, ...moduleFiles], resources);
    mainUrl = pathToFileURL(path.join(archive, 'dist', 'main', 'main.js')).href;
  });

  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('loads only the picture packages by name, each a dependency that asarUnpack names', () => {
    const names = workerPackages(mainDir, 'icon-worker.js').sort();
    expect(names).toEqual(['@jsquash/webp', '@resvg/resvg-wasm', 'jpeg-js', 'pngjs']);
    for (const name of names) {
      expect(Object.keys(pkg.dependencies), name).toContain(name);
      expect(Object.keys(pkg.devDependencies), name).not.toContain(name);
    }
    for (const dir of productionClosure(names)) {
      const rel = path.relative(REPO, dir).split(path.sep).join('/');
      expect(unpacks(`${rel}/package.json`), rel).toBe(true);
      expect(packagesModuleFile(`${rel}/package.json`), rel).toBe(true);
    }
    expect(packagesApp('dist/main/icon-worker.js')).toBe(true);
    expect(unpacks('dist/main/icon-worker.js')).toBe(true);
  });

  it('computes the worker and resvg wasm paths outside the archive, where the files really are', () => {
    const worker = fileURLToPath(iconWorkerUrl(mainUrl));
    expect(worker).toBe(path.join(`${archive}.unpacked`, 'dist', 'main', 'icon-worker.js'));
    expect(statSync(worker).isFile()).toBe(true);
    const wasm = path.join(`${archive}.unpacked`, 'node_modules/@resvg/resvg-wasm/index_bg.wasm');
    expect(resvgWasmFile(mainUrl)).toBe(wasm);
    expect(readFileSync(wasm).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d])); // \0asm
  });

  it('runs the worker from there in plain Node and makes icons of an SVG, a JPEG and a WebP', async () => {
    const worker = new Worker(iconWorkerUrl(mainUrl), { execArgv: [] });
    const replies: IconReply[] = [];
    const next = () =>
      new Promise<IconReply>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    try {
      expect(await next()).toEqual({ ready: true });
      const files = [
        Buffer.from(squareSvg('#1428c8')),
        jpegFile(halves(64, 32)),
        await webpFile(halves(64, 32)),
      ];
      for (const [index, bytes] of files.entries()) {
        const answer = next();
        worker.postMessage({ id: index + 1, kind: 'picture', bytes: new Uint8Array(bytes) });
        replies.push(await answer);
      }
      expect(replies.map((r) => 'ok' in r && r.ok)).toEqual([true, true, true]);
      const svg = replies[0]!;
      const icon = pixelsOf('ok' in svg && svg.ok ? svg.png : new Uint8Array());
      expect([icon.width, icon.height, ...pixel(icon, 64, 64)]).toEqual([
        128, 128, 20, 40, 200, 255,
      ]);
    } finally {
      await worker.terminate();
    }
  });
});

describe('the fuse check after packing (scripts/fuses.js, scripts/after-pack.js)', () => {
  const ON = STATE.on;
  const OFF = STATE.off;
  /** The wire electron-builder.yml asks for. */
  const configured = config.electronFuses;
  const wanted = (): FuseWire => {
    const wire: FuseWire = { version: '1' };
    for (const [name, on] of Object.entries(configured)) wire[FUSE_INDEX[name]!] = on ? ON : OFF;
    return wire;
  };

  it('names each fuse at its place on the wire, as @electron/fuses does', () => {
    for (const [name, index] of Object.entries(FUSE_INDEX)) {
      const pascal = (name[0]!.toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options;
      expect(FuseV1Options[pascal], name).toBe(index);
    }
    for (const name of Object.keys(configured)) expect(FUSE_INDEX).toHaveProperty(name);
  });

  it('finds nothing wrong with the configured wire', () => {
    expect(fuseMismatches(configured, wanted())).toEqual([]);
  });

  it('names each fuse that differs, is missing, removed or unknown, and a wrong wire version', () => {
    const runAsNodeOn = { ...wanted(), [FUSE_INDEX.runAsNode!]: ON };
    expect(fuseMismatches(configured, runAsNodeOn)).toEqual([
      'runAsNode: configured off, the binary has on',
    ]);
    const fileGrantsOn = { ...wanted(), [FUSE_INDEX.grantFileProtocolExtraPrivileges!]: ON };
    expect(fuseMismatches(configured, fileGrantsOn)).toEqual([
      'grantFileProtocolExtraPrivileges: configured off, the binary has on',
    ]);
    const short = wanted();
    delete short[FUSE_INDEX.grantFileProtocolExtraPrivileges!];
    expect(fuseMismatches(configured, short)).toEqual([
      'grantFileProtocolExtraPrivileges: configured off, the binary has missing (the wire is shorter)',
    ]);
    const removed = { ...wanted(), [FUSE_INDEX.onlyLoadAppFromAsar!]: STATE.removed };
    expect(fuseMismatches(configured, removed)).toEqual([
      'onlyLoadAppFromAsar: configured on, the binary has removed from this Electron',
    ]);
    expect(fuseMismatches({ ...configured, runAsNod: false }, wanted())).toEqual([
      'runAsNod: not a fuse this check knows',
    ]);
    expect(fuseMismatches(configured, { ...wanted(), version: '2' })).toEqual([
      'fuse wire version 2, expected 1',
    ]);
    // Options of electronFuses that are not fuses are not compared.
    expect(fuseMismatches({ ...configured, resetAdHocDarwinSignature: true }, wanted())).toEqual(
      [],
    );
  });

  /** A file with a fuse wire where Electron keeps one, at Electron's defaults. */
  async function fakeElectron(dir: string, name: string): Promise<string> {
    const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
    // Electron's defaults: run as node, NODE_OPTIONS, inspect flags and file:// privileges on.
    const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];
    const file = path.join(dir, name);
    await writeFile(
      file,
      Buffer.concat([
        Buffer.alloc(64, 7),
        sentinel,
        Buffer.from([1, defaults.length, ...defaults]),
        Buffer.alloc(64, 7),
      ]),
    );
    return file;
  }

  /** electron-builder's own fuse functions, on a packager of our making. */
  function context(appOutDir: string, flip = true): AfterPackContextLike {
    const { PlatformPackager } = builderRequire('app-builder-lib') as {
      PlatformPackager: { prototype: AfterPackContextLike['packager'] };
    };
    return {
      appOutDir,
      electronPlatformName: 'linux',
      packager: {
        config: { electronFuses: configured },
        executableName: 'authdesk',
        appInfo: { productFilename: 'authdesk' },
        generateFuseConfig: PlatformPackager.prototype.generateFuseConfig,
        addElectronFuses: flip ? PlatformPackager.prototype.addElectronFuses : async () => 0,
      },
    };
  }

  it('afterPack sets the fuses with electron-builder code and reads them back as configured', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-fuses-'));
    try {
      const binary = await fakeElectron(dir, 'authdesk');
      expect(electronBinaryOf(context(dir))).toBe(binary);
      await afterPack(context(dir));
      const wire = await getCurrentFuseWire(binary);
      expect(fuseMismatches(configured, wire as unknown as FuseWire)).toEqual([]);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('afterPack fails the build when the binary does not carry the configured fuses', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-fuses-'));
    try {
      const binary = await fakeElectron(dir, 'authdesk');
      const before = await readFile(binary);
      // As if the fuses were never flipped (or flipped in another file).
      await expect(afterPack(context(dir, false))).rejects.toThrow(
        /runAsNode: configured off, the binary has on[\s\S]*grantFileProtocolExtraPrivileges: configured off, the binary has on/,
      );
      expect(await readFile(binary)).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('node scripts/fuses.js checks final binaries and exits 1 when one is wrong', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-fuses-'));
    const run = promisify(execFile);
    try {
      const right = await fakeElectron(dir, 'authdesk');
      await afterPack(context(dir)); // sets right's fuses; wrong keeps Electron's defaults
      const wrong = await fakeElectron(dir, 'wrong');
      const script = path.join(REPO, 'scripts', 'fuses.js');
      const ok = await run(process.execPath, [script, right]);
      expect(ok.stdout).toContain('fuses as configured');
      const bad = run(process.execPath, [script, right, wrong]);
      await expect(bad).rejects.toMatchObject({ code: 1 });
      const output = await bad.catch((e: { stdout: string }) => e.stdout);
      expect(output).toContain(`${wrong}: fuses NOT as configured`);
      expect(output).toContain(`${right}: fuses as configured`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('.github/workflows/release.yml (it needs a networked runner; nothing here runs it)', () => {
  const workflow = parse(
    readFileSync(path.join(REPO, '.github', 'workflows', 'release.yml'), 'utf8'),
  ) as {
    jobs: {
      build: {
        strategy: { matrix: { include: { os: string; targets: string; binary: string }[] } };
        steps: { run?: string }[];
      };
    };
  };
  const build = workflow.jobs.build;
  const runs = build.steps.map((s) => s.run ?? '').join('\n');

  it('builds each configured target on its own system', () => {
    const rows = build.strategy.matrix.include;
    expect(rows.map((r) => [r.os, r.targets])).toEqual([
      ['ubuntu-latest', `--linux ${config.linux.target.join(' ')}`],
      ['windows-latest', `--win ${config.win.target.join(' ')}`],
      ['macos-latest', `--mac ${config.mac.target.join(' ')}`],
    ]);
  });

  it('checks the fuses of the binaries electron-builder writes, where it writes them', () => {
    const productName = (
      parse(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8')) as {
        productName: string;
      }
    ).productName;
    const packageName = (
      JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
        name: string;
      }
    ).name;
    // Linux names the binary after the package (lowercase), Windows and macOS after productName.
    expect(build.strategy.matrix.include.map((r) => r.binary)).toEqual([
      `release/linux-unpacked/${packageName.toLowerCase()}`,
      `release/win-unpacked/${productName}.exe`,
      `release/mac*/${productName}.app`,
    ]);
    expect(runs).toContain('node scripts/fuses.js ${{ matrix.binary }}');
    expect(runs).toContain('npx vitest run test/unit/packaging.test.ts');
    expect(runs).toMatch(/sha256sum|shasum -a 256/);
  });
});
