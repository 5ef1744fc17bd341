// The names the window sends to AWS: an IAM user name and a profile of the AWS config files. The IPC
// schema refuses anything else; the registration helper explains a bad user name as it is typed.

/** IAM's own rule for a user name (CreateUser's UserName): 1–64 of letters, digits and +=,.@_- */
export const IAM_USER_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/**
 * A profile name as it appears in `~/.aws/config` and `~/.aws/credentials`: any printable text
 * without brackets (which would end the section header), up to 128 characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
export const AWS_PROFILE_PATTERN = /^[^\u0000-\u001f\u007f[\]]{1,128}$/;

/** Whether `name` (as typed, trimmed) is a user name IAM accepts. */
export function isIamUserName(name: string): boolean {
  return IAM_USER_NAME_PATTERN.test(name.trim());
}
