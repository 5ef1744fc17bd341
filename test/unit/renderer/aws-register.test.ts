// Proves the registration helper's choices: the profile offered first, and what is wrong with an IAM
// user name as typed (the same rule the IPC schema holds main's door to).
import { describe, expect, it } from 'vitest';
import { initialProfile, userNameProblem } from '../../../renderer/features/aws/model/aws-register';
import { methodArgs } from '../../../shared/ipc';

describe('initialProfile', () => {
  it('offers the SDK default when it has credentials, else the first profile, else none', () => {
    expect(
      initialProfile({ configured: true, profiles: ['a', 'work'], defaultProfile: 'work' }),
    ).toBe('work');
    expect(initialProfile({ configured: true, profiles: ['a', 'b'], defaultProfile: null })).toBe(
      'a',
    );
    expect(initialProfile({ configured: true, profiles: ['a'], defaultProfile: 'gone' })).toBe('a');
    // Credentials only in the environment: no profile named, the SDK's chain decides.
    expect(
      initialProfile({ configured: true, profiles: [], defaultProfile: null }),
    ).toBeUndefined();
  });
});

describe('userNameProblem', () => {
  it('accepts the names IAM accepts, trimmed', () => {
    for (const name of ['alice', 'Alice_1', 'a+b=c,d.e@f-g', ' bob ', 'x'.repeat(64)]) {
      expect(userNameProblem(name, true), name).toBeNull();
    }
  });

  it('says an empty name is missing only after a try, and a bad one at once', () => {
    expect(userNameProblem('', false)).toBeNull();
    expect(userNameProblem('  ', true)).toBe('required');
    for (const name of ['al ice', 'alice/dev', 'x'.repeat(65), 'ａｌｉｃｅ', 'a:b', 'ä']) {
      expect(userNameProblem(name, false), name).toBe('invalid');
    }
  });

  it('holds the same rule as the IPC schema of awsEnableDevice', () => {
    const id = 'acc-1';
    for (const user of ['alice', ' alice ', 'a+b=c,d.e@f-g', '', 'al ice', 'x'.repeat(65), 'ä']) {
      const schemaOk = methodArgs.awsEnableDevice.safeParse({ id, user }).success;
      expect(schemaOk, user).toBe(userNameProblem(user, true) === null);
    }
  });
});
