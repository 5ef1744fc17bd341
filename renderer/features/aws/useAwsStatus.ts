// Whether the window can register with AWS for an account: asked once per dialog, only for an
// account with an ARN. null while asking, for an account without an ARN, and when main cannot tell
// (the helper then stays the two-code panel).
import { useEffect, useState } from 'react';
import type { AwsStatus } from '../../../shared/ipc';
import { call } from '../../api/api';

export function useAwsStatus(awsSerial: string | undefined): AwsStatus | null {
  const [status, setStatus] = useState<AwsStatus | null>(null);
  const hasSerial = Boolean(awsSerial);
  useEffect(() => {
    if (!hasSerial) return;
    let live = true;
    call('awsStatus').then(
      (value) => live && setStatus(value),
      () => live && setStatus(null),
    );
    return () => {
      live = false;
    };
  }, [hasSerial]);
  return hasSerial ? status : null;
}
