// A soft check of the AWS MFA device ARN shape; a mismatch is a hint, never a refusal.

// Partitions: aws, aws-cn, aws-us-gov, and future ones of the same form. Names allow the
// characters IAM allows in a path and device name.
const MFA_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:mfa\/[\w+=,.@/-]+$/;

export function looksLikeMfaArn(value: string): boolean {
  return MFA_ARN.test(value.trim());
}
