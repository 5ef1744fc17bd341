// "Done means" for QR import on the command line: real-looking console screenshots (one code, three
// codes, dark mode, a phone showing a Google export) give every account their codes hold.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import { parseAccountText } from '../../shared/import-text';
import { generateCase, writeCorpus } from '../corpus/corpus';
import { assertBuilt, runCli } from '../harness/cli';

const CASES = [
  'aws-mfa-1080p',
  'three-codes-4k',
  'dark-mode-1080p',
  'google-export-phone-1-of-3',
  'japanese-issuers-1080p',
];

let dir: string;
let files: Map<string, string>;
const images = CASES.map((name) => generateCase(name));

/** What the expected QR texts hold, as scan --show-secrets prints accounts. */
function expectedAccounts(texts: string[]) {
  return texts.flatMap((text): AccountInput[] => {
    const parsed = parseAccountText(text);
    if (parsed.kind === 'uri') return [parsed.account];
    if (parsed.kind === 'migration') return parsed.result.accounts;
    return [];
  });
}

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-scan-corpus-'));
  files = await writeCorpus(dir, images);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('authdesk scan on console screenshots', () => {
  it('finds every account in every screenshot, with the right secrets', async () => {
    const result = await runCli([
      'scan',
      '--json',
      '--show-secrets',
      ...CASES.map((n) => files.get(n)!),
    ]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            payloads: { text: string; accounts: AccountInput[] }[];
          },
      );
    expect(lines).toHaveLength(CASES.length);
    images.forEach((image, i) => {
      const found = lines[i]!.payloads;
      expect(
        found.map((p) => p.text),
        image.name,
      ).toEqual(image.expected);
      const accounts = found.flatMap((p) => p.accounts);
      const expected = expectedAccounts(image.expected);
      expect(
        accounts.map((a) => [a.issuer, a.label, a.secret]),
        image.name,
      ).toEqual(expected.map((a) => [a.issuer, a.label, a.secret]));
    });
  });
});
