// The registration helper's "Register with AWS" choices: which profile, and what is wrong with the
// IAM user name as typed. Pure: unit-tested in test/unit/renderer/aws-register.test.ts.
import type { AwsStatus } from '../../../../shared/ipc';
import { isIamUserName } from '../../../../shared/aws-names';

/** The profile offered first: the SDK's default when it is among the profiles, else the first one. */
export function initialProfile(status: AwsStatus): string | undefined {
  if (status.defaultProfile !== null && status.profiles.includes(status.defaultProfile)) {
    return status.defaultProfile;
  }
  return status.profiles[0];
}

export type UserNameProblem = 'required' | 'invalid';

/**
 * What is wrong with the user name: an empty one only once the user tried to register (`submitted`),
 * a name IAM would refuse as soon as it is typed.
 */
export function userNameProblem(name: string, submitted: boolean): UserNameProblem | null {
  if (name.trim() === '') return submitted ? 'required' : null;
  return isIamUserName(name) ? null : 'invalid';
}
