// "Register with AWS" in the registration helper: EnableMFADevice for the account's stored ARN with
// the profile and IAM user name the user confirms. Main takes the two codes itself, at a safe moment
// of the step; the window never sees more than it shows in the two-code panel anyway.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import type { AwsStatus } from '../../../shared/ipc';
import { ApiError, call, errorCodeOf, type ApiErrorCode } from '../../api/api';
import { Field } from '../../ui/Field';
import { AlertIcon, CheckIcon } from '../../ui/Icons';
import { Spinner } from '../../ui/Spinner';
import { initialProfile, userNameProblem } from './model/aws-register';

interface AwsRegisterSectionProps {
  account: AccountMeta;
  status: AwsStatus;
  /** Whether a pair taken now leaves enough of the step (the two-code panel shows it then). */
  pairReady: boolean;
  /** After AWS accepted the codes (the dialog moves the focus to its Done button). */
  onRegistered: () => void;
  /** Opens the clock check (Settings), offered when AWS says this computer's clock is off. */
  onCheckClock: () => void;
}

type RunState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done' }
  | { kind: 'failed'; code: ApiErrorCode; message: string };

export function AwsRegisterSection(props: AwsRegisterSectionProps) {
  const { account, status, pairReady } = props;
  const { t } = useTranslation();
  const titleId = useId();
  const [profile, setProfile] = useState(() => initialProfile(status));
  const [user, setUser] = useState('');
  const [edited, setEdited] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const userRef = useRef<HTMLInputElement>(null);
  const problem = userNameProblem(user, submitted);
  const running = run.kind === 'running';

  // The section appears once main answered; the keyboard goes to it unless the user moved already.
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.dataset.autofocus !== undefined) {
      userRef.current?.focus();
    }
  }, []);

  // The caller's own name is the default when the profile is an IAM user's; typing wins.
  useEffect(() => {
    if (edited) return;
    let live = true;
    call('awsIdentity', { profile }).then(
      (identity) => {
        if (live && identity.userName !== null) setUser(identity.userName);
      },
      () => {
        // Not known (a role, no network…): the user types the name.
      },
    );
    return () => {
      live = false;
    };
  }, [profile, edited]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    setSubmitted(true);
    if (userNameProblem(user, true) !== null) {
      userRef.current?.focus();
      return;
    }
    setRun({ kind: 'running' });
    try {
      await call('awsEnableDevice', { id: account.id, user: user.trim(), profile });
      setRun({ kind: 'done' });
      props.onRegistered();
    } catch (error) {
      const message = error instanceof ApiError ? error.message : '';
      setRun({ kind: 'failed', code: errorCodeOf(error), message });
    }
  };

  return (
    <section className="aws-register" aria-labelledby={titleId}>
      <h3 id={titleId} className="section-title">
        {t('aws.registerTitle')}
      </h3>
      <p className="aws-register-intro">{t('aws.registerIntro')}</p>
      <p className="aws-register-arn">
        <span className="field-label">{t('aws.device')}</span>
        <code className="input-mono">{account.awsSerial}</code>
      </p>
      {run.kind === 'done' ? (
        <p className="callout callout-success" role="status">
          <CheckIcon size={18} />
          <span>{t('aws.registered')}</span>
        </p>
      ) : (
        <form className="form aws-register-form" onSubmit={submit} noValidate aria-busy={running}>
          {status.profiles.length > 1 && (
            <Field label={t('aws.profile')}>
              {({ id }) => (
                <select
                  id={id}
                  name="awsProfile"
                  className="input"
                  value={profile}
                  disabled={running}
                  onChange={(e) => {
                    setProfile(e.target.value);
                    if (!edited) setUser('');
                  }}
                >
                  {status.profiles.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field
            label={t('aws.user')}
            hint={
              // With several profiles the choice above says which; otherwise the hint does.
              status.profiles.length > 1
                ? t('aws.userHint')
                : profile === undefined
                  ? t('aws.userHintEnvironment')
                  : t('aws.userHintProfile', { profile })
            }
            message={problem === null ? null : t(`aws.user_${problem}`)}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                ref={userRef}
                name="iamUser"
                className="input input-mono"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                autoComplete="off"
                spellCheck={false}
                readOnly={running}
                value={user}
                onChange={(e) => {
                  setEdited(true);
                  setUser(e.target.value);
                }}
              />
            )}
          </Field>
          <div className="aws-register-actions">
            <button
              type="submit"
              className="button button-primary"
              // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
              aria-disabled={running}
            >
              {running && <Spinner />}
              {t(run.kind === 'failed' ? 'aws.tryAgain' : 'aws.register')}
            </button>
            <p className="aws-register-status" role="status">
              {running && t(pairReady ? 'aws.registering' : 'aws.waitingSafe')}
            </p>
          </div>
          {run.kind === 'failed' && (
            <div className="callout callout-warning aws-register-error" role="alert">
              <AlertIcon size={18} />
              <div>
                <p>{t(`errors.${run.code}`)}</p>
                {run.code === 'AWS_REFUSED' && run.message !== '' && (
                  <p className="aws-said">
                    {t('aws.details')} {/* AWS's answer, in main's English words. */}
                    <span lang="en">{run.message}</span>
                  </p>
                )}
                {run.code === 'AWS_CLOCK_OFF' && (
                  <button
                    type="button"
                    className="button button-compact"
                    onClick={props.onCheckClock}
                  >
                    {t('aws.checkClock')}
                  </button>
                )}
              </div>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
