// AWS registration helper: MFA code 1 and 2 (current and next) to enter together, never too late;
// for an account with an ARN, when AWS credentials are configured, "Register with AWS" above them.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import type { CodeEntry } from '../../../shared/ipc';
import type { CopyCode } from './useAccountActions';
import { useNow } from '../../ui/useNow';
import { shownCodes } from './model/code-timing';
import { CodeText } from './CodeText';
import { URGENT_MS } from './CountdownRing';
import { Dialog } from '../../ui/Dialog';
import { CheckIcon, CopyIcon } from '../../ui/Icons';
import { Spinner } from '../../ui/Spinner';
import { AwsRegisterSection } from '../aws/AwsRegisterSection';
import { useAwsStatus } from '../aws/useAwsStatus';

interface AwsHelperDialogProps {
  account: AccountMeta;
  entry: CodeEntry | undefined;
  skewMs: number;
  afterAdd: boolean;
  copy: CopyCode;
  onClose: () => void;
  /** Opens Settings, where the clock is checked (offered when AWS finds this computer's clock off). */
  onCheckClock: () => void;
}

export function AwsHelperDialog(props: AwsHelperDialogProps) {
  const { account, entry, skewMs, afterAdd, copy, onClose } = props;
  const { t } = useTranslation();
  const now = useNow();
  const shown = entry ? shownCodes(entry, skewMs, now) : null;
  const remaining = shown?.remainingMs ?? 0;
  // Two codes typed in the last seconds of a step reach AWS late and register the device out of
  // sync, so the pair is shown only with time to spare; a late push also counts as waiting.
  const ready =
    shown !== null && shown.current !== null && shown.next !== null && remaining >= URGENT_MS;
  const name = displayName(account);
  const aws = useAwsStatus(account.awsSerial);
  const register = aws !== null && aws.configured && Boolean(account.awsSerial);
  const doneRef = useRef<HTMLButtonElement>(null);
  const [registered, setRegistered] = useState(false);
  const intro = (
    <p className="aws-intro">{afterAdd ? t('aws.afterAdd', { name }) : t('aws.intro')}</p>
  );
  const pair = (
    <>
      <div className={`aws-pair${ready ? '' : ' aws-pair-waiting'}`}>
        <AwsCode
          label={t('aws.code1')}
          copyLabel={t('aws.copy1')}
          code={ready ? shown.current : null}
          onCopy={() => void copy(account, 'current')}
          autoFocus
        />
        <AwsCode
          label={t('aws.code2')}
          copyLabel={t('aws.copy2')}
          code={ready ? shown.next : null}
          onCopy={() => void copy(account, 'next')}
        />
      </div>
      {ready ? (
        <div className="aws-timer">
          <div className="aws-bar" aria-hidden="true">
            <span style={{ width: `${(remaining / (shown?.periodMs ?? 30000)) * 100}%` }} />
          </div>
          <p>{t('aws.secondsLeft', { count: Math.ceil(remaining / 1000) })}</p>
        </div>
      ) : (
        <p className="aws-waiting" role="status">
          <Spinner />
          {t('aws.waiting')}
        </p>
      )}
    </>
  );

  return (
    <Dialog
      title={t('aws.title')}
      onClose={onClose}
      footer={
        <button
          type="button"
          ref={doneRef}
          className={register ? 'button' : 'button button-primary'}
          onClick={onClose}
        >
          {t('common.done')}
        </button>
      }
    >
      {/* Every part keeps its place whether or not the section shows: the pair is never redrawn. */}
      {(!register || afterAdd) && intro}
      {!afterAdd && <p className="aws-account">{name}</p>}
      {register && (
        <AwsRegisterSection
          account={account}
          status={aws}
          pairReady={ready}
          onRegistered={() => {
            setRegistered(true);
            doneRef.current?.focus();
          }}
          onCheckClock={props.onCheckClock}
        />
      )}
      {register && !registered && (
        <h3 className="section-title aws-manual-title">{t('aws.manualTitle')}</h3>
      )}
      {register && !registered && !afterAdd && (
        <p className="aws-intro aws-manual-intro">{t('aws.intro')}</p>
      )}
      {/* Once AWS accepted the codes, there is nothing left to enter by hand. */}
      {!registered && pair}
    </Dialog>
  );
}

function AwsCode(props: {
  label: string;
  copyLabel: string;
  code: string | null;
  onCopy: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [copiedCode, setCopiedCode] = useState<string | null>(null);
  useEffect(() => {
    if (copiedCode === null) return;
    const timer = setTimeout(() => setCopiedCode(null), 2000);
    return () => clearTimeout(timer);
  }, [copiedCode]);
  const copied = copiedCode !== null && copiedCode === props.code;
  return (
    <div className="aws-code">
      <span className="aws-code-label">{props.label}</span>
      <CodeText code={props.code} className="code-large" />
      <button
        type="button"
        className="button button-compact"
        aria-label={props.copyLabel}
        // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
        aria-disabled={props.code === null}
        onClick={() => {
          if (props.code === null) return;
          setCopiedCode(props.code);
          props.onCopy();
        }}
        data-autofocus={props.autoFocus || undefined}
      >
        {copied ? <CheckIcon size={15} /> : <CopyIcon size={15} />}
        {copied ? t('aws.copied') : props.copyLabel}
      </button>
    </div>
  );
}
