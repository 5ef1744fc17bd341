// The process the crash soak kills: `crash-writer PATH PASSWORD RUN` prints "waiting", waits for a line
// on stdin, then makes the changes of crash-soak-ops.ts in a loop, printing "done J REVISION" after each.
import { Vault } from '../../electron/vault/vault';
import { applyToVault, soakOp } from './crash-soak-ops';

const [path, password, run] = process.argv.slice(2);

async function main(): Promise<void> {
  if (!path || password === undefined || !run) throw new Error('usage: PATH PASSWORD RUN');
  // Started ahead of its turn, so its start-up overlaps the previous writer's check.
  console.log('waiting');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const vault = await Vault.open(path);
  await vault.unlock(password);
  console.log('ready');
  for (let j = 0; ; j++) {
    await applyToVault(vault, soakOp(run, j));
    // Written to a pipe, which Node writes synchronously on Linux: once printed, the parent has it.
    console.log(`done ${j} ${vault.revision}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
