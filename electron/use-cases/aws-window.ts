// What the window's registration helper asks before it offers "Register with AWS": whether the
// SDK's chain finds credentials, and under which profiles. The registration itself is
// AwsMfa.enableExisting; the user-name default is AwsMfa.awsIdentity.
import type { AwsIdentity, AwsStatus } from '../../shared/ipc';
import { awsProfiles } from '../aws/profiles';
import type { AwsMfa } from './aws-mfa';

/**
 * Configured when the environment holds keys or some profile has a credentials source; the profiles
 * offered are those (a profile with only a region would fail with AWS_NO_CREDENTIALS).
 */
export async function awsWindowStatus(): Promise<AwsStatus> {
  const found = await awsProfiles();
  const profiles = found.profiles.filter((p) => p.credentials).map((p) => p.name);
  return {
    configured: found.configured && (found.environment || profiles.length > 0),
    profiles,
    defaultProfile: profiles.includes(found.defaultProfile) ? found.defaultProfile : null,
  };
}

/** Who the profile is: the account and, for an IAM user, the name the helper offers. */
export async function awsWindowIdentity(aws: AwsMfa, profile?: string): Promise<AwsIdentity> {
  const { account, userName } = await aws.awsIdentity(profile);
  return { account, userName };
}
