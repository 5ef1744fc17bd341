// electron-builder's afterPack hook (electron-builder.yml): the build fails unless the packed binary's
// fuses read back as electronFuses says.
//
// electron-builder 26 flips the fuses only after this hook, right before signing (platformPackager.js,
// doAddElectronFuses). So the hook flips them first with electron-builder's own two functions, reads
// them back with @electron/fuses, and compares (scripts/fuses.js); electron-builder then writes the
// same bytes again. The release workflow checks the final binaries once more with scripts/fuses.js.
import path from 'node:path';
import { verifyFuses } from './fuses.js';

/** Where electron-builder's addElectronFuses finds the binary (platformPackager.js). */
export function electronBinaryOf(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const ext = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' }[electronPlatformName] ?? '';
  const name =
    electronPlatformName === 'linux' ? packager.executableName : packager.appInfo.productFilename;
  return path.join(appOutDir, `${name}${ext}`);
}

export async function afterPack(context) {
  const configured = context.packager.config.electronFuses;
  if (!configured) throw new Error('electron-builder.yml has no electronFuses to check.');
  await context.packager.addElectronFuses(
    context,
    await context.packager.generateFuseConfig(configured),
  );
  const binary = electronBinaryOf(context);
  const problems = await verifyFuses(binary, configured);
  if (problems.length) {
    throw new Error(
      `The fuses of ${binary} are not as electron-builder.yml says:\n  ${problems.join('\n  ')}`,
    );
  }
  console.log(`  • fuses read back as configured: ${binary}`);
}

export default afterPack;
