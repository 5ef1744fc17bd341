// The AWS profiles this user has configured, read with the SDK's own parser of ~/.aws/config and
// ~/.aws/credentials (and AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), and whether each one names
// a source of credentials: the window offers "Register with AWS" only when something is configured.
// It only looks: whether the credentials work is AWS's answer to the first call.

export interface AwsProfileInfo {
  name: string;
  /** A credentials source looks configured: keys, a role, SSO, a credential_process, a web identity. */
  credentials: boolean;
}

export interface AwsProfiles {
  /** Sorted by name; "default" first when there is one. */
  profiles: AwsProfileInfo[];
  /** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are in the environment. */
  environment: boolean;
  /** AWS_PROFILE, else "default": the profile used when none is named. */
  defaultProfile: string;
  /** The environment or some profile looks configured. */
  configured: boolean;
}

/** Keys that make a profile a source of credentials (the SDK's providers, in its chain's order). */
const SOURCE_KEYS = [
  'aws_access_key_id',
  'role_arn',
  'sso_session',
  'sso_start_url',
  'credential_process',
  'web_identity_token_file',
  'login_session',
];

/** Sections of the config file that are not profiles. */
const OTHER_SECTIONS = /^(sso-session|services)\./;

export async function awsProfiles(options: { env?: NodeJS.ProcessEnv } = {}): Promise<AwsProfiles> {
  const env = options.env ?? process.env;
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const files = await loadSharedConfigFiles({
    ignoreCache: true,
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
  });
  const merged = new Map<string, Record<string, string | undefined>>();
  for (const source of [files.configFile, files.credentialsFile]) {
    for (const [name, settings] of Object.entries(source ?? {})) {
      if (OTHER_SECTIONS.test(name)) continue;
      merged.set(name, { ...merged.get(name), ...settings });
    }
  }
  const profiles = [...merged]
    .map(([name, settings]) => ({
      name,
      credentials: SOURCE_KEYS.some((key) => Boolean(settings[key]?.trim())),
    }))
    .sort((a, b) =>
      a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name),
    );
  const environment = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  return {
    profiles,
    environment,
    defaultProfile: env.AWS_PROFILE || 'default',
    configured: environment || profiles.some((p) => p.credentials),
  };
}
