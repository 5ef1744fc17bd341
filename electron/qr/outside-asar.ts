// Where a packaged app keeps the files electron-builder leaves out of app.asar (electron-builder.yml
// asarUnpack): the same path under app.asar.unpacked beside it. Plain string work, so tests can ask.

/** `…/app.asar/x` (a path or a file URL, either separator) → `…/app.asar.unpacked/x`; else unchanged. */
export function outsideAsar(pathOrUrl: string): string {
  return pathOrUrl.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}
