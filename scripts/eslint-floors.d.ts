// Types for eslint-floors.js, which ESLint loads as plain JavaScript.
import type { ESLint } from 'eslint';

/** The floor a repository-relative path is on ('shell', 'door ipc', 'core', …), or undefined. */
export function floorOf(relativePath: string): string | undefined;
export function findCycle(start: string): string[] | undefined;
declare const plugin: ESLint.Plugin;
export default plugin;
