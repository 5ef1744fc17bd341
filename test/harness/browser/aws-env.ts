// The AWS SDK reads this process's environment (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE,
// AWS_ENDPOINT_URL, AWS_PROFILE, AWS_ACCESS_KEY_ID, …), so each browser test sees only the AWS setup
// it asks for: by default none at all, whatever ~/.aws or the environment hold on this machine.
import path from 'node:path';

const isAws = (name: string) => name.startsWith('AWS_');

/**
 * Replaces every AWS_* variable with `env`: files that do not exist in `dir` unless `env` names
 * others, and no instance metadata (which would make a machine without credentials wait for it).
 * Returns what puts the process's own AWS_* variables back.
 */
export function setAwsEnv(dir: string, env: Record<string, string> = {}): () => void {
  const saved = Object.entries(process.env).filter(([name]) => isAws(name));
  const clear = () => {
    for (const name of Object.keys(process.env)) if (isAws(name)) delete process.env[name];
  };
  clear();
  Object.assign(process.env, {
    AWS_CONFIG_FILE: path.join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  });
  return () => {
    clear();
    Object.assign(process.env, Object.fromEntries(saved));
  };
}
