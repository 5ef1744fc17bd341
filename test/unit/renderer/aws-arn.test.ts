// Proves the soft check of an AWS MFA device ARN.
import { describe, expect, it } from 'vitest';
import { looksLikeMfaArn } from '../../../renderer/features/accounts/model/aws-arn';

describe('looksLikeMfaArn', () => {
  it('accepts MFA device ARNs of every partition, with paths and spaces around', () => {
    for (const arn of [
      'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
      'arn:aws:iam::123456789012:mfa/alice',
      'arn:aws:iam::123456789012:mfa/division/team/alice+laptop=1,2.x@corp',
      'arn:aws-cn:iam::123456789012:mfa/alice',
      'arn:aws-us-gov:iam::123456789012:mfa/alice',
      '  arn:aws:iam::123456789012:mfa/alice\n',
    ]) {
      expect(looksLikeMfaArn(arn), arn).toBe(true);
    }
  });

  it('refuses other ARNs, wrong account ids, empty text and full-width look-alikes', () => {
    for (const value of [
      '',
      '   ',
      'arn:aws:iam::123456789012:user/alice',
      'arn:aws:iam::12345678901:mfa/alice',
      'arn:aws:iam::1234567890123:mfa/alice',
      'arn:aws:iam::123456789012:mfa/',
      'arn:aws:sts::123456789012:mfa/alice',
      'arn:aws:iam::123456789012:mfa/al ice',
      'ａｒｎ:aws:iam::123456789012:mfa/alice',
      'arn:aws:iam::１２３４５６７８９０１２:mfa/alice',
      'GAHT12345678',
    ]) {
      expect(looksLikeMfaArn(value), value).toBe(false);
    }
  });
});
