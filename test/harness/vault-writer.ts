// A second process using the same vault, for the multi-process tests: `vault-writer.ts MODE …` (spawnWriter runs it bundled).
//   add PATH PASSWORD COUNT TAG   adds COUNT accounts, one write each, printing "added REVISION"
//   loop PATH PASSWORD TAG        adds accounts until killed, printing "rev REVISION" after each write
//   try-add PATH PASSWORD TAG     adds one account and prints the outcome as JSON (ok, or code and message)
//   add-tagged PATH PASSWORD COUNT TAG NAME   as add, each account with the tag NAME
import { isAuthdeskError } from '../../shared/errors';
import { Vault } from '../../electron/vault/vault';
import { sampleInput } from './vault-fixtures';

const [mode, path, password, ...rest] = process.argv.slice(2);

async function main(): Promise<void> {
  if (!mode || !path || password === undefined) throw new Error('usage: MODE PATH PASSWORD …');
  const vault = await Vault.open(path);
  await vault.unlock(password);
  console.log('ready');
  if (mode === 'add') {
    const [count, tag] = rest;
    for (let i = 0; i < Number(count); i++) {
      await vault.add(sampleInput(`${tag}-${i}`));
      console.log(`added ${vault.revision}`);
    }
  } else if (mode === 'add-tagged') {
    const [count, tag, name] = rest;
    for (let i = 0; i < Number(count); i++) {
      await vault.add(sampleInput(`${tag}-${i}`, { tags: [name!] }));
      console.log(`added ${vault.revision}`);
    }
  } else if (mode === 'loop') {
    for (let i = 0; ; i++) {
      await vault.add(sampleInput(`${rest[0]}-${i}`));
      console.log(`rev ${vault.revision}`);
    }
  } else if (mode === 'try-add') {
    try {
      await vault.add(sampleInput(rest[0] ?? 'x'));
      console.log(JSON.stringify({ ok: true, revision: vault.revision }));
    } catch (error) {
      if (!isAuthdeskError(error)) throw error;
      console.log(JSON.stringify({ ok: false, code: error.code, message: error.message }));
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
