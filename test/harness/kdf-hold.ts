// Holds every key derivation at its start until release(), so a test can act while a KDF "runs"
// (cancel it, lock the vault) without racing it or reading a clock.
import { watchKdfRuns, type KdfRun } from '../../electron/vault/kdf';

export interface HeldDerivations {
  /** The derivations that asked to run, in order. */
  runs: KdfRun[];
  /** Resolves once the first derivation is waiting. */
  started: Promise<void>;
  /** Lets every held derivation (and any later one) run. */
  release(): void;
  /** Stops watching: derivations run freely again. */
  stop(): void;
}

export function holdKdfRuns(): HeldDerivations {
  const runs: KdfRun[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const first = new Promise<void>((resolve) => (started = resolve));
  const stop = watchKdfRuns((run) => {
    runs.push(run);
    started();
    return gate;
  });
  return { runs, started: first, release, stop };
}
