// The whole Ports object composeServices takes, filled with the test stand-ins; each test overrides
// only the ports it watches or steers (its clock, clipboard, dialogs, decoder, pushed events…).
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemTimers } from '../../electron/clock/clock';
import type { Ports } from '../../electron/composition';
import type { QrDecoderPort } from '../../electron/ports';
import {
  MemoryClipboard,
  MemorySettings,
  RecordingTypist,
  TestChoices,
  TestClock,
  TestDialogs,
  TestImageSources,
  TestKeychain,
} from './browser/ports';
import { loopbackTimeQuery } from './sntp-server';
import { FAST_KDF } from './vault-fixtures';

/** A decoder that finds no code in any image: for tests that never import one. */
export const NO_CODES: QrDecoderPort = {
  decodeBytes: async () => [],
  decodeRgba: async () => [],
};

export interface TestPortOverrides extends Partial<Ports> {
  vaultPath: string;
  /** Serves as the clipboard image, the image file picker and the screen capture at once. */
  images?: TestImageSources;
}

/**
 * Ports for composeServices: a TestClock on real timers, in-memory clipboard and settings, test
 * dialogs and image sources, a TestKeychain, a RecordingTypist, TestChoices for the agent's
 * question, a time query that reaches only 127.0.0.1, no pushed events, Linux in English, and
 * scrypt at FAST_KDF. `overrides` replace any.
 */
export function testPorts({
  images = new TestImageSources(),
  ...overrides
}: TestPortOverrides): Ports {
  return {
    clock: new TestClock(),
    timers: systemTimers,
    clipboard: new MemoryClipboard(),
    timeQuery: loopbackTimeQuery,
    imageClipboard: images,
    filePicker: images,
    screenCapture: images,
    dialogs: new TestDialogs(),
    decoder: NO_CODES,
    keychain: new TestKeychain(),
    typist: new RecordingTypist(),
    settingsStorage: new MemorySettings(),
    choices: new TestChoices(),
    // Never listened on unless a test starts services.agentLifecycle (the browser harness does,
    // in its own folder).
    agentSocketPath: path.join(tmpdir(), 'authdesk-test-agent-unused.sock'),
    push: () => {},
    idleSeconds: () => 0,
    version: 'test',
    platform: 'linux',
    systemLanguage: () => 'en-US',
    kdf: FAST_KDF,
    ...overrides,
  };
}
