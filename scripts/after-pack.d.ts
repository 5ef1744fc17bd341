// Types for after-pack.js, electron-builder's afterPack hook (plain JavaScript).
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  packager: {
    config: { electronFuses?: Record<string, boolean> };
    executableName?: string;
    appInfo: { productFilename: string };
    generateFuseConfig(fuses: Record<string, boolean>): Promise<unknown>;
    addElectronFuses(context: AfterPackContextLike, fuses: unknown): Promise<unknown>;
  };
}
export function electronBinaryOf(context: AfterPackContextLike): string;
export function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;
