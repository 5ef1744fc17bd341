// The profiles the window offers for "Register with AWS", read with the SDK's own parser from the
// files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name: which ones name a credentials source.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { awsProfiles } from '../../electron/aws/profiles';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-aws-profiles-'));
  env = {
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
  };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('lists every profile of both files, and which have a credentials source', async () => {
  await writeFile(
    env.AWS_CONFIG_FILE!,
    [
      '[default]',
      'region = eu-west-1',
      '[profile sso]',
      'sso_session = corp',
      '[profile role]',
      'role_arn = arn:aws:iam::123456789012:role/admin',
      'source_profile = default',
      '[profile tool]',
      'credential_process = authdesk aws credential-process --profile default',
      '[profile regiononly]',
      'region = us-west-2',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      '',
    ].join('\n'),
  );
  await writeFile(
    env.AWS_SHARED_CREDENTIALS_FILE!,
    '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n[keys]\naws_access_key_id = AKIA2\naws_secret_access_key = y\n',
  );
  const found = await awsProfiles({ env });
  expect(found.profiles).toEqual([
    { name: 'default', credentials: true },
    { name: 'keys', credentials: true },
    { name: 'regiononly', credentials: false },
    { name: 'role', credentials: true },
    { name: 'sso', credentials: true },
    { name: 'tool', credentials: true },
  ]);
  expect(found).toMatchObject({ environment: false, defaultProfile: 'default', configured: true });
});

it('without files, configured only by keys in the environment; AWS_PROFILE names the default', async () => {
  expect(await awsProfiles({ env })).toEqual({
    profiles: [],
    environment: false,
    defaultProfile: 'default',
    configured: false,
  });
  const withKeys = {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIA',
    AWS_SECRET_ACCESS_KEY: 's',
    AWS_PROFILE: 'work',
  };
  expect(await awsProfiles({ env: withKeys })).toMatchObject({
    environment: true,
    defaultProfile: 'work',
    configured: true,
  });
});

it('a profile with only a region is not configured', async () => {
  await writeFile(env.AWS_CONFIG_FILE!, '[default]\nregion = eu-west-1\n');
  expect(await awsProfiles({ env })).toMatchObject({
    profiles: [{ name: 'default', credentials: false }],
    configured: false,
  });
});
