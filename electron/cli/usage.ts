// The authdesk command's options and help: one table per command, read by the parser (main.ts) and by
// the help, so that a command's help lists exactly the options it accepts.
import type { ParseArgsConfig, parseArgs } from 'node:util';
import { EXIT, EXIT_MEANING, type ExitCode } from './exit-codes';

/** Every option any command takes, as node:util parseArgs reads them. */
export const OPTIONS = {
  vault: { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
  'no-agent': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  next: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  'show-secrets': { type: 'boolean', default: false },
  add: { type: 'boolean', default: false },
  'allow-duplicate': { type: 'boolean', default: false },
  'secret-stdin': { type: 'boolean', default: false },
  secret: { type: 'string' },
  issuer: { type: 'string' },
  label: { type: 'string' },
  algorithm: { type: 'string' },
  digits: { type: 'string' },
  period: { type: 'string' },
  type: { type: 'string' },
  counter: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean', default: false },
  replace: { type: 'boolean', default: false },
  user: { type: 'string' },
  'device-name': { type: 'string' },
  profile: { type: 'string' },
  duration: { type: 'string' },
  format: { type: 'string' },
  account: { type: 'string' },
  tag: { type: 'string', multiple: true },
  untagged: { type: 'boolean', default: false },
  brand: { type: 'string' },
  letter: { type: 'boolean', default: false },
  auto: { type: 'boolean', default: false },
  code: { type: 'string' },
  'sync-password': { type: 'boolean', default: false },
  remove: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export type OptionName = Extract<keyof typeof OPTIONS, string>;

/** The options as the strict read types them (main.ts), handed to each command's runner (registry.ts). */
export type OptionValues = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>
>['values'];

/** Options every command takes (--version only makes sense alone). */
export const COMMON_OPTIONS = [
  'vault',
  'password-stdin',
  'no-agent',
  'help',
] as const satisfies OptionName[];

const NO_AGENT = 'ask the password, never the running app (code, list and aws ask it first)';

/** What a string option's value is, as the help shows it. */
const VALUE: Partial<Record<OptionName, string>> = {
  vault: 'PATH',
  secret: 'KEY',
  issuer: 'ISSUER',
  label: 'NAME',
  algorithm: 'SHA1|SHA256|SHA512',
  digits: '6|7|8',
  period: 'SECONDS',
  type: 'totp|hotp|steam',
  counter: 'N',
  out: 'FILE',
  user: 'NAME',
  'device-name': 'NAME',
  profile: 'PROFILE',
  duration: 'SECONDS',
  format: 'env|json',
  account: 'QUERY',
  tag: 'NAME',
  brand: 'SLUG',
  code: 'CODE',
};

export interface CommandSpec {
  /** Synopsis lines, each after "authdesk ". */
  usage: string[];
  /** One line for the overview. */
  summary: string;
  /** What the command does, for its own help. */
  about: string;
  positionals: [min: number, max: number];
  /** The options it takes besides COMMON_OPTIONS, with what each does for this command. */
  options: Partial<Record<OptionName, string>>;
  /** What an option's value is for this command, where it differs from VALUE (export's --format). */
  values?: Partial<Record<OptionName, string>>;
  /** What --password-stdin reads for this command. */
  passwordStdin: string;
  examples: string[];
  /** The exit codes it may end with. */
  exits: ExitCode[];
  /** Its subcommands ("aws register"), each with its own usage, options and exit codes. */
  subcommands?: Record<string, CommandSpec>;
  /** The subcommand run when none is named ("authdesk tags" lists them); otherwise one is needed. */
  defaultSubcommand?: string;
}

const QUERY = `A <query> is part of an issuer or account name, or an issuer's initials ("aws" finds
Amazon Web Services), case- and width-insensitive; several words must all match. When no name
matches, a word may name a tag, and #work (or #"side projects") means the accounts with exactly
that tag. It must name exactly one account: an exact issuer, account name, "issuer:name" or
"Issuer (name)" wins over partial matches; otherwise the candidates are listed.`;

/** How a tag's name is read, for the commands that take one. */
const TAG_NAMES = `A tag's name is at most 100 characters; case and width do not matter ("Work", "work" and
"ｗｏｒｋ" are one tag, spelled as the vault first had it).`;

const VAULT_PASSWORD = 'read the vault password from standard input instead of a prompt';
const OPEN_EXITS = [EXIT.password, EXIT.vaultMissingOrExists, EXIT.vaultCorrupt] as const;
/** An aws subcommand: the vault (through the app or the password), then AWS. */
const AWS_VAULT_EXITS = [
  EXIT.ok,
  EXIT.failure,
  EXIT.usage,
  ...OPEN_EXITS,
  EXIT.vaultBusy,
  EXIT.agentDenied,
  EXIT.agentTimeout,
  EXIT.cancelled,
] as const;
const AWS_CALL_EXITS = [
  EXIT.awsThrottled,
  EXIT.awsNetwork,
  EXIT.awsNoCredentials,
  EXIT.awsRefused,
] as const;
/** What a command that sends one stored account's codes to AWS (resync, sessions) adds. */
const AWS_ACCOUNT_EXITS = [
  EXIT.noMatch,
  EXIT.ambiguous,
  EXIT.awsCodeRejected,
  EXIT.awsClockOff,
  ...AWS_CALL_EXITS,
  EXIT.awsNoSerial,
] as const;

/**
 * shared/sync.ts's PAIRING_CODE_TTL_MS and SYNC_PASSWORD_MIN_LENGTH as the help says them, written
 * out: importing that module here would load it (a chunk named "sync") for every command's start
 * (cli-startup.test.ts); cli-sync.test.ts checks that the help says the constants' values.
 */
const PAIRING_MINUTES = 10;
const SYNC_PASSWORD_MIN = 12;
const SYNC_STEPS = `On the first computer: authdesk sync start FOLDER, then authdesk sync pair for a code. On the
next one: authdesk sync join FOLDER --code CODE (its folder as that computer reaches it).`;
/** A command that runs a sync round (now, start, join, remove). */
const SYNC_ROUND_EXITS = [
  EXIT.ok,
  EXIT.failure,
  EXIT.usage,
  ...OPEN_EXITS,
  EXIT.vaultBusy,
  EXIT.syncOff,
  EXIT.syncUnreachable,
  EXIT.syncProblem,
  EXIT.cancelled,
] as const;

export const COMMANDS: Record<string, CommandSpec> = {
  init: {
    usage: ['init'],
    summary: 'create a new encrypted vault',
    about: 'Creates a new encrypted vault at the vault path and asks for its password twice.',
    positionals: [0, 0],
    options: {},
    passwordStdin: 'read the new password from standard input (once) instead of a prompt',
    examples: ['authdesk init', 'authdesk init --vault ~/work/vault.json'],
    exits: [
      EXIT.ok,
      EXIT.failure,
      EXIT.usage,
      EXIT.password,
      EXIT.vaultMissingOrExists,
      EXIT.cancelled,
    ],
  },
  list: {
    usage: ['list [--json] [--tag NAME]… [--untagged]'],
    summary:
      'list the accounts (with current codes and tags); --json prints metadata, never secrets',
    about: `Lists the accounts: issuer, account name, current code, the seconds it has left and, when
any account has one, its tags. --tag keeps the accounts with that tag (given twice: with both).

${TAG_NAMES}`,
    positionals: [0, 0],
    options: {
      json: 'print the accounts as JSON (issuer, label, type, tags, …), never a secret',
      tag: 'only the accounts with this tag (repeatable: with every one given)',
      untagged: 'only the accounts without a tag',
    },
    passwordStdin: VAULT_PASSWORD,
    examples: ['authdesk list', 'authdesk list --tag Work', 'authdesk list --json --untagged'],
    exits: [EXIT.ok, EXIT.failure, EXIT.usage, ...OPEN_EXITS, EXIT.noMatch, EXIT.cancelled],
  },
  code: {
    usage: ['code <query> [--next]'],
    summary: 'print the current (or next) code of one account, and nothing else',
    about: `Prints the current code of one account and a newline, and nothing else, for
"$(authdesk code aws)". An HOTP account's counter moves on each time its code is shown.

${QUERY}`,
    positionals: [1, 1],
    options: {
      next: "print the next step's code instead (HOTP: the one after, without using it up)",
    },
    passwordStdin: VAULT_PASSWORD,
    examples: [
      'authdesk code aws',
      'authdesk code "GitHub:alice" --next',
      'aws sts get-session-token --serial-number arn:aws:iam::123456789012:mfa/root \\\n' +
        '    --token-code "$(authdesk code aws)"',
    ],
    exits: [
      EXIT.ok,
      EXIT.failure,
      EXIT.usage,
      ...OPEN_EXITS,
      EXIT.noMatch,
      EXIT.ambiguous,
      EXIT.vaultBusy,
      EXIT.cancelled,
    ],
  },
  add: {
    usage: [
      'add --issuer ISSUER --label NAME [--type …] [--algorithm …] [--digits …] [--period …]',
      'add --secret-stdin --issuer ISSUER --label NAME [same options as above]',
      'add <otpauth-uri> [--issuer ISSUER] [--label NAME] [--allow-duplicate]',
      'add KEY --issuer ISSUER --label NAME [same options as above]',
      'add --secret KEY --issuer ISSUER --label NAME [same options as above]',
    ],
    summary: 'add an account from a secret key, an otpauth:// URI or an export link',
    about: `Adds an account from its secret key (spaces and lower case are fine) named with --issuer,
--label or both, from an otpauth:// URI (the text of its QR code), or every account of an
export link: Google Authenticator's otpauth-migration:// or LastPass Authenticator's
lpaauth-migration://. After a time-based account it prints "MFA code 1" and
"MFA code 2": AWS asks for two consecutive codes when you register a virtual MFA device.

Give the key so that it shows nowhere:
  - at a terminal, leave it out: Authdesk asks "Secret key:" and does not show what you type
    (a URI or export link may be pasted there too);
  - from a script, pipe it in with --secret-stdin (one line; the vault password is then asked on
    the terminal, so --secret-stdin does not go with --password-stdin).
A key or URI given as an argument (KEY, --secret KEY, <otpauth-uri>) shows in the process list
and lands in your shell history: start the command with a space (bash's HISTCONTROL=ignorespace)
or clear it.`,
    positionals: [0, 1],
    options: {
      'secret-stdin':
        'read the secret key (or an otpauth:// URI) from standard input, one line, instead of asking',
      secret: 'the secret key (base32), as an option instead of KEY (shows in the process list)',
      issuer: 'the service, e.g. "AWS" (with a URI: replaces the one it holds)',
      label: 'the account name, e.g. "root" (with a URI: replaces the one it holds)',
      type: 'totp (default), hotp or steam',
      algorithm: 'SHA1 (default), SHA256 or SHA512',
      digits: 'code length, 6 (default) to 8; Steam codes always have 5',
      period: 'seconds per code (default 30)',
      counter: '(hotp) the counter of the next code (default 0)',
      tag: "a tag for the account (repeatable; a new name joins the vault's tags)",
      'allow-duplicate':
        'add even if the vault has it already (same secret key and code settings, any name)',
    },
    passwordStdin: `${VAULT_PASSWORD} (not with --secret-stdin)`,
    examples: [
      'authdesk add --issuer GitHub --label alice',
      'pass show mfa/aws | authdesk add --secret-stdin --issuer AWS --label root',
      "authdesk add 'otpauth://totp/Amazon%20Web%20Services:root@123456789012?secret=…&issuer=Amazon%20Web%20Services'",
      "authdesk add 'JBSW Y3DP EHPK 3PXP' --issuer GitHub --label alice",
      'authdesk add --secret JBSWY3DPEHPK3PXP --issuer Bank --label me --digits 8 --period 60',
      'authdesk add --issuer AWS --label prod --tag Work --tag Cloud',
    ],
    exits: [
      EXIT.ok,
      EXIT.failure,
      EXIT.usage,
      ...OPEN_EXITS,
      EXIT.vaultBusy,
      EXIT.badAccount,
      EXIT.cancelled,
    ],
  },
  remove: {
    usage: ['remove <query> [--yes]'],
    summary: 'delete one account (asks first unless --yes)',
    about: `Deletes one account after naming it and asking.

${QUERY}`,
    positionals: [1, 1],
    options: { yes: 'delete without asking (needed where there is no terminal)' },
    passwordStdin: VAULT_PASSWORD,
    examples: ['authdesk remove "GitHub:alice"', 'authdesk remove aws --yes'],
    exits: [
      EXIT.ok,
      EXIT.failure,
      EXIT.usage,
      ...OPEN_EXITS,
      EXIT.noMatch,
      EXIT.ambiguous,
      EXIT.vaultBusy,
      EXIT.cancelled,
    ],
  },
  icon: {
    usage: [
      'icon <query> FILE',
      'icon <query> --brand SLUG',
      'icon <query> --letter',
      'icon <query> --auto',
    ],
    summary: "set an account's icon: a picture, a brand icon, its letter, or the automatic match",
    about: `Sets the icon the app shows for one account (the list, quick access, the tray).

FILE is a picture (PNG, JPEG, WebP or SVG, at most 5 MB and 16 megapixels): it is read here,
fitted into 128×128 pixels (an SVG is drawn as pixels; it runs nothing and loads nothing from
outside), and kept as a PNG inside the encrypted vault; the same picture for several accounts is
kept once. --brand uses a brand icon of the set the app ships (simple-icons, by its slug: github,
gitlab, dropbox…; a near name is suggested). --letter shows the account's letter whatever its name
matches; --auto goes back to the icon matched from its issuer and account name.

${QUERY}`,
    positionals: [1, 2],
    options: {
      brand: 'a brand icon, by its slug (github, gitlab, …)',
      letter: "the account's letter, whatever its name matches",
      auto: 'back to the icon matched from its names',
    },
    passwordStdin: VAULT_PASSWORD,
    examples: [
      'authdesk icon "Intranet" ~/Pictures/intranet-logo.png',
      'authdesk icon aws-prod --brand aws',
      'authdesk icon GitHub --auto',
    ],
    exits: [
      EXIT.ok,
      EXIT.failure,
      EXIT.usage,
      ...OPEN_EXITS,
      EXIT.noMatch,
      EXIT.ambiguous,
      EXIT.vaultBusy,
      EXIT.imageProblem,
      EXIT.cancelled,
    ],
  },
  tags: {
    usage: ['tags [--json]', 'tags rename OLD NEW', 'tags remove NAME [--yes]'],
    summary: "list the vault's tags with their number of accounts; rename or remove one",
    about: `The vault's tags: an account may have several (up to 20), and a vault up to 1,000. They are
given with "authdesk add --tag", in the app's Edit dialog and tag manager, and come over from Aegis,
2FAS, andOTP, Bitwarden, Ente, LastPass and Authenticator Pro files. "authdesk list --tag NAME"
shows the accounts of one.

${TAG_NAMES}`,
    positionals: [0, 0],
    options: {},
    passwordStdin: VAULT_PASSWORD,
    examples: [
      'authdesk tags',
      'authdesk tags rename Work Job',
      'authdesk tags remove "Old project" --yes',
    ],
    exits: [],
    defaultSubcommand: 'list',
    subcommands: {
      list: {
        usage: ['tags [--json]', 'tags list [--json]'],
        summary: "the tags in the app's order, with how many accounts have each",
        about: `Lists the vault's tags in the order the app shows them, unused ones too, each with the number
of accounts that have it.`,
        positionals: [0, 0],
        options: { json: 'print [{"name", "accounts"}, …] as JSON' },
        passwordStdin: VAULT_PASSWORD,
        examples: ['authdesk tags', 'authdesk tags --json'],
        exits: [EXIT.ok, EXIT.failure, EXIT.usage, ...OPEN_EXITS, EXIT.cancelled],
      },
      rename: {
        usage: ['tags rename OLD NEW'],
        summary: "rename a tag everywhere; to another tag's name, merge the two",
        about: `Renames the tag OLD to NEW on the vault's list and on every account that has it. If the vault
already has a tag NEW, the two become one: NEW keeps its place, and an account that had both keeps
it once. NEW may also be OLD spelled otherwise ("work" to "Work").

${TAG_NAMES}`,
        positionals: [2, 2],
        options: {},
        passwordStdin: VAULT_PASSWORD,
        examples: ['authdesk tags rename Work Job', 'authdesk tags rename "side projects" Hobby'],
        exits: [
          EXIT.ok,
          EXIT.failure,
          EXIT.usage,
          ...OPEN_EXITS,
          EXIT.noMatch,
          EXIT.vaultBusy,
          EXIT.cancelled,
        ],
      },
      remove: {
        usage: ['tags remove NAME [--yes]'],
        summary: 'take a tag off every account (no account is deleted)',
        about: `Takes the tag NAME off every account that has it and off the vault's list, after saying how
many accounts have it and asking. No account is deleted.

${TAG_NAMES}`,
        positionals: [1, 1],
        options: { yes: 'remove without asking (needed where there is no terminal)' },
        passwordStdin: VAULT_PASSWORD,
        examples: ['authdesk tags remove "Old project"', 'authdesk tags remove Temp --yes'],
        exits: [
          EXIT.ok,
          EXIT.failure,
          EXIT.usage,
          ...OPEN_EXITS,
          EXIT.noMatch,
          EXIT.vaultBusy,
          EXIT.cancelled,
        ],
      },
    },
  },
  passwd: {
    usage: ['passwd'],
    summary: 'change the vault password',
    about:
      'Changes the vault password and the key that opens the accounts: the accounts are encrypted\nagain, so an older copy of the vault and the old password open nothing of the new file.\nIf unlocking with the system keychain was on, it is turned off (turn it on again in the window).',
    positionals: [0, 0],
    options: {},
    passwordStdin: 'read the current password, then the new one, from standard input',
    examples: ['authdesk passwd'],
    exits: [EXIT.ok, EXIT.failure, EXIT.usage, ...OPEN_EXITS, EXIT.vaultBusy, EXIT.cancelled],
  },
  scan: {
    usage: ['scan <image>… [--json] [--show-secrets] [--add] [--yes] [--allow-duplicate]'],
    summary: 'read the QR codes in screenshots (PNG, JPEG, WebP, GIF, BMP) and show the accounts',
    about: `Reads every QR code in PNG, JPEG, WebP, GIF (its first frame) or BMP screenshots (no vault
needed) and prints the accounts they hold, never a secret unless --show-secrets. A QR code that is
not a two-step verification code is reported by its kind (binary data by its size, never printed)
and never added.`,
    positionals: [1, Infinity],
    options: {
      json: 'print one JSON line per image: {"file", "payloads": [{"accounts", …}], "error"?}',
      'show-secrets': 'also print each secret key and the decoded text',
      add: 'add the accounts, after showing what happens to each (asks first; skips and names those already in the vault)',
      yes: '(with --add) add without asking',
      'allow-duplicate':
        '(with --add) also add accounts the vault already has (the same secret key and code settings)',
    },
    passwordStdin: '(with --add) ' + VAULT_PASSWORD,
    examples: ['authdesk scan screenshot.png', 'authdesk scan ~/Desktop/*.png --add'],
    exits: [
      EXIT.ok,
      EXIT.failure,
      EXIT.usage,
      ...OPEN_EXITS,
      EXIT.vaultBusy,
      EXIT.badAccount,
      EXIT.imageProblem,
      EXIT.cancelled,
    ],
  },
  export: {
    usage: [
      'export --out FILE [--force]',
      'export --format aegis|aegis-plain|otpauth|google-qr [--out FILE] [--force] [--yes]',
    ],
    summary: 'back up the whole vault, or export it for Aegis or another app',
    about: `Writes the whole vault to a file. The default, --format authdesk, is an encrypted backup
(*.authdesk): it asks for the vault password, then a backup password twice (it may differ).
--format aegis writes an encrypted Aegis vault (Aegis on a phone: Import & Export › Import › Aegis)
and asks for an export password the same way. Tags (as Aegis groups), notes, pinned accounts
(Aegis's favourites), HOTP counters and Steam accounts carry over; the AWS MFA device ARN has no
place in Aegis. otpauth links and Google's export links have no place for tags or notes.

aegis-plain (an Aegis vault that is not encrypted), otpauth (otpauth:// links, one per line) and
google-qr (Google Authenticator's export links; with --out FILE.png, QR images FILE-1.png, …) hold
every secret key in plain text: they show a warning and ask first, or need --yes where there is no
terminal. otpauth and google-qr print on standard output when --out is left out.`,
    positionals: [0, 0],
    options: {
      format:
        'authdesk (default): encrypted backup; aegis: encrypted Aegis vault; aegis-plain, otpauth, google-qr: plain text',
      out: 'the file to write (otpauth, google-qr: standard output without it)',
      force: 'overwrite FILE if it exists (otherwise nothing is written)',
      yes: '(aegis-plain, otpauth, google-qr) export the secret keys in plain text without asking',
    },
    values: { format: 'authdesk|aegis|aegis-plain|otpauth|google-qr' },
    passwordStdin:
      'read the vault password, then the backup or export password (once), from standard input',
    examples: [
      'authdesk export --out ~/backup/authdesk-2026-12.authdesk',
      'authdesk export --format aegis --out ~/aegis-export.json',
      'authdesk export --format google-qr --out ~/google.png',
    ],
    exits: [EXIT.ok, EXIT.failure, EXIT.usage, ...OPEN_EXITS, EXIT.cancelled],
  },
  import: {
    usage: ['import <file> [--yes] [--replace] [--allow-duplicate] [--json]'],
    summary: "import an Authdesk backup or another authenticator's export",
    about: `Reads an Authdesk backup or a file from another authenticator, recognised from its content:
Aegis, 2FAS, andOTP, Bitwarden, Google Authenticator (export links, or its database), Microsoft
Authenticator's database, Authy, LastPass, FreeOTP+, FreeOTP, Steam Desktop Authenticator, Proton,
Ente Auth, Authenticator Pro, Duo, TOTP Authenticator, Battle.net, or a list of otpauth:// links
(README, "Moving from another app"). It shows per account what will happen (new;
already in the vault as …, with the same secret key and code settings, whatever its name; or a
repeat of an identical entry of the file), lists unreadable entries with the reason, asks, then
adds the new ones. Entries that differ in anything, the name included, are all added. The file's
groups, folders, collections, categories or tags become the accounts' tags. On an error
or a "no" the vault is unchanged.`,
    positionals: [1, 1],
    options: {
      yes: 'import without asking (needed where there is no terminal)',
      replace:
        "make the vault hold exactly the file's accounts (the current vault is kept as a copy)",
      'allow-duplicate':
        'also add accounts the vault already has (the same secret key and code settings)',
      json: 'print the result as JSON: {file, format, added, skipped, problems, keptCopy?}',
    },
    passwordStdin:
      "read the vault password, then the file's password if it is encrypted, from standard input",
    examples: [
      'authdesk import aegis-export.json',
      'authdesk import old.authdesk --replace',
      'printf "%s\\n%s\\n" "$VAULT_PW" "$FILE_PW" | authdesk import 2fas.2fas --password-stdin --yes',
    ],
    exits: [
      EXIT.ok,
      EXIT.failure,
      EXIT.usage,
      ...OPEN_EXITS,
      EXIT.vaultBusy,
      EXIT.fileProblem,
      EXIT.cancelled,
    ],
  },
  aws: {
    usage: [
      'aws register --user NAME [--device-name NAME] [--profile PROFILE]',
      'aws resync [<query>] [--user NAME] [--profile PROFILE]',
      'aws session [<query>] [--profile PROFILE] [--duration SECONDS] [--format env|json]',
      'aws credential-process --profile PROFILE [--account QUERY]',
    ],
    summary: 'AWS virtual MFA: register a device, resync it, MFA sessions, credential_process',
    about: `AWS virtual MFA devices end to end, with the AWS SDK's own credentials and settings
(~/.aws/config, ~/.aws/credentials, AWS_PROFILE, the AWS_* environment variables, AWS_ENDPOINT_URL).
When the Authdesk app runs with this vault unlocked, they ask the app (which asks you first) instead
of the vault password.`,
    positionals: [0, 0],
    options: {},
    passwordStdin: VAULT_PASSWORD,
    examples: [
      'authdesk aws register --user alice',
      'eval "$(authdesk aws session)"',
      'authdesk aws register --help',
    ],
    exits: [],
    subcommands: {
      register: {
        usage: ['aws register --user NAME [--device-name NAME] [--profile PROFILE]'],
        summary: 'create, store and enable a virtual MFA device for an IAM user',
        about: `Creates a virtual MFA device for the IAM user (CreateVirtualMFADevice), puts its secret key in
the vault at once (it is never printed) with the device's ARN, and enables it (EnableMFADevice) with
two consecutive codes, taken with at least 5 seconds of the step left. If anything fails after the
device was created, the device is deleted and the account removed, and the message says what AWS
answered. The profile's credentials need iam:CreateVirtualMFADevice, iam:EnableMFADevice and
iam:DeleteVirtualMFADevice.`,
        positionals: [0, 0],
        options: {
          user: 'the IAM user the device is for (required)',
          'device-name': "the device's name in IAM (default: the user's name)",
          profile:
            'the AWS profile whose credentials call IAM (default: $AWS_PROFILE, then "default")',
        },
        passwordStdin: VAULT_PASSWORD,
        examples: [
          'authdesk aws register --user alice',
          'authdesk aws register --user alice --device-name alice-laptop --profile admin',
        ],
        exits: [
          ...AWS_VAULT_EXITS,
          EXIT.awsCodeRejected,
          EXIT.awsClockOff,
          EXIT.awsDeviceExists,
          ...AWS_CALL_EXITS,
        ],
      },
      resync: {
        usage: ['aws resync [<query>] [--user NAME] [--profile PROFILE]'],
        summary: "resynchronise an account's MFA device with AWS (after clock drift)",
        about: `Resynchronises an account's MFA device with AWS (ResyncMFADevice) with two consecutive codes,
as AWS's guide does when a device's codes drifted. <query> names the account (default: the only
account with an MFA device ARN); the IAM user defaults to the profile's own.

${QUERY}`,
        positionals: [0, 1],
        options: {
          user: "the IAM user the device is enabled for (default: the profile's own IAM user)",
          profile:
            'the AWS profile whose credentials call IAM (default: $AWS_PROFILE, then "default")',
        },
        passwordStdin: VAULT_PASSWORD,
        examples: [
          'authdesk aws resync',
          'authdesk aws resync "AWS:alice" --user alice --profile admin',
        ],
        exits: [...AWS_VAULT_EXITS, ...AWS_ACCOUNT_EXITS],
      },
      session: {
        usage: [
          'aws session [<query>] [--profile PROFILE] [--duration SECONDS] [--format env|json]',
        ],
        summary: 'MFA session credentials (GetSessionToken) as shell exports or JSON',
        about: `Gets MFA session credentials (GetSessionToken) with the account's device ARN and a fresh code,
and prints them as shell exports, for eval "$(authdesk aws session)", or with --format json as
"aws sts get-session-token" prints them. <query> names the account (default: the only account with
an MFA device ARN).

${QUERY}`,
        positionals: [0, 1],
        options: {
          profile:
            'the AWS profile with the long-term access keys (default: $AWS_PROFILE, then "default")',
          duration: "the session's length: 900 to 129600 seconds (AWS's default: 43200, 12 hours)",
          format:
            'env (default): export lines (AWS_ACCESS_KEY_ID, …) for a POSIX shell; json: {"Credentials": {…}}',
        },
        passwordStdin: VAULT_PASSWORD,
        examples: [
          'eval "$(authdesk aws session --profile work)"',
          'authdesk aws session aws --format json --duration 3600',
        ],
        exits: [...AWS_VAULT_EXITS, ...AWS_ACCOUNT_EXITS],
      },
      'credential-process': {
        usage: ['aws credential-process --profile PROFILE [--account QUERY]'],
        summary: "credentials for ~/.aws/config's credential_process, from a cached MFA session",
        about: `Prints the JSON that AWS's credential_process setting expects (Version, AccessKeyId,
SecretAccessKey, SessionToken, Expiration), for the aws command and every AWS SDK: an MFA session of
the --profile profile's long-term keys, reused until 5 minutes before it expires (held in the running
app's memory, or in a file beside the vault encrypted with a key derived from the vault's). In
~/.aws/config:

  [profile work-mfa]
  credential_process = authdesk aws credential-process --profile work

then "aws s3 ls --profile work-mfa". --profile names the source profile, the one with the long-term
access keys, never the profile that uses credential_process itself (it would ask itself; Authdesk
stops it). Without the running app it asks the vault password on the terminal; run by aws with
neither, it stops (exit 14) and says to start or unlock the app.`,
        positionals: [0, 0],
        options: {
          profile: 'the source profile, with the long-term access keys (required)',
          account: 'the account whose device is used (default: the only account with an ARN)',
        },
        passwordStdin: VAULT_PASSWORD,
        examples: [
          'authdesk aws credential-process --profile work',
          'authdesk aws credential-process --profile work --account "AWS:alice"',
        ],
        exits: [...AWS_VAULT_EXITS, EXIT.agentUnavailable, ...AWS_ACCOUNT_EXITS],
      },
    },
  },
  sync: {
    usage: [
      'sync [status] [--json]',
      'sync now',
      'sync start FOLDER [--device-name NAME] [--sync-password]',
      'sync join FOLDER (--code CODE | --sync-password) [--device-name NAME]',
      'sync pair',
      'sync remove DEVICE [--yes]',
      'sync password [--remove]',
      'sync stop [--yes]',
    ],
    summary: 'sync the accounts with your other computers through a folder you already sync',
    about: `Sync through a folder that a sync service (Syncthing, Dropbox, OneDrive, iCloud Drive, a NAS
share) already carries between your computers. Each device writes only its own files there, all
encrypted with the sync key, which only your devices hold. The app syncs on its own while it is
unlocked; these commands run one round when asked.

${SYNC_STEPS}`,
    positionals: [0, 0],
    options: {},
    passwordStdin: VAULT_PASSWORD,
    examples: [
      'authdesk sync',
      'authdesk sync now',
      'authdesk sync start ~/Sync/authdesk',
      'authdesk sync join ~/Sync/authdesk --code 7KQ2-M9XD-4HNP-V3TB-8WRC',
    ],
    exits: [],
    defaultSubcommand: 'status',
    subcommands: {
      status: {
        usage: ['sync [--json]', 'sync status [--json]'],
        summary: 'whether sync is on, its folder, the devices, the last sync and any problem',
        about: `Shows whether sync is on for this vault, its folder, every device in the sync with when it
last wrote, when this device last synced, and any problem the last round found. Reads the vault
only: nothing is written and the folder is not read.`,
        positionals: [0, 0],
        options: {
          json: 'print the status as JSON (phase, folder, device, devices, lastSync, problems, …)',
        },
        passwordStdin: VAULT_PASSWORD,
        examples: ['authdesk sync status', 'authdesk sync --json'],
        exits: [EXIT.ok, EXIT.failure, EXIT.usage, ...OPEN_EXITS, EXIT.cancelled],
      },
      now: {
        usage: ['sync now'],
        summary: "one round: publish this vault's changes, take in the other devices'",
        about: `Runs one sync round now: this vault's changes since the last round (from the app, this
command, an import or a restore) are written to the folder, and the other devices' changes are
merged into the vault. Says how many accounts changed from which device. A device whose files are
held back (an old copy put back, a damaged or half-copied file) is printed, and ends with exit 26;
the other devices' changes are taken in all the same.`,
        positionals: [0, 0],
        options: {},
        passwordStdin: VAULT_PASSWORD,
        examples: ['authdesk sync now', 'authdesk sync now --password-stdin < password-file'],
        exits: [...SYNC_ROUND_EXITS],
      },
      start: {
        usage: ['sync start FOLDER [--device-name NAME] [--sync-password]'],
        summary: 'start a new sync in an empty folder (this is the first device)',
        about: `Starts a new sync in FOLDER (empty, or holding no other sync): a new sync key is made and
kept in this vault, and this vault's accounts are written to the folder, encrypted. Other devices
then join with a pairing code (authdesk sync pair) or, with --sync-password, the sync password.

${SYNC_STEPS}`,
        positionals: [1, 1],
        options: {
          'device-name': "this device's name as the others show it (default: the computer's name)",
          'sync-password': `also set a sync password (at least ${SYNC_PASSWORD_MIN} characters) other devices may join with; asked twice, or the next line of standard input`,
        },
        passwordStdin: `${VAULT_PASSWORD} (then the sync password, on the next line)`,
        examples: [
          'authdesk sync start ~/Sync/authdesk',
          'authdesk sync start /mnt/nas/authdesk --device-name "Office desktop"',
        ],
        exits: [...SYNC_ROUND_EXITS, EXIT.syncSetupRefused],
      },
      join: {
        usage: ['sync join FOLDER (--code CODE | --sync-password) [--device-name NAME]'],
        summary: 'join the sync another device started in FOLDER',
        about: `Joins the sync in FOLDER, with the pairing code another device shows (valid ${PAIRING_MINUTES}
minutes) or the sync password set there. This vault's accounts join the others: an account both
have (the same secret) is kept once; nothing is lost.`,
        positionals: [1, 1],
        options: {
          code: 'the pairing code the other device shows (any case; dashes and spaces do not matter)',
          'sync-password':
            'join with the sync password instead (asked, or the next line of standard input)',
          'device-name': "this device's name as the others show it (default: the computer's name)",
        },
        passwordStdin: `${VAULT_PASSWORD} (then the sync password, on the next line)`,
        examples: [
          'authdesk sync join ~/Sync/authdesk --code 7KQ2-M9XD-4HNP-V3TB-8WRC',
          'authdesk sync join /mnt/nas/authdesk --sync-password',
        ],
        exits: [...SYNC_ROUND_EXITS, EXIT.syncSetupRefused],
      },
      pair: {
        usage: ['sync pair'],
        summary: 'a pairing code another device joins with',
        about: `Prints a new pairing code (valid ${PAIRING_MINUTES} minutes) for another device to join this
sync with; a code shown before stops working. The code goes to standard output, what to do with it
to standard error.`,
        positionals: [0, 0],
        options: {},
        passwordStdin: VAULT_PASSWORD,
        examples: ['authdesk sync pair'],
        exits: [
          EXIT.ok,
          EXIT.failure,
          EXIT.usage,
          ...OPEN_EXITS,
          EXIT.vaultBusy,
          EXIT.syncOff,
          EXIT.syncUnreachable,
          EXIT.cancelled,
        ],
      },
      remove: {
        usage: ['sync remove DEVICE [--yes]'],
        summary: 'remove another device from the sync (the sync key changes)',
        about: `Removes DEVICE (its id, or its name as "authdesk sync status" lists it) from the sync, after
asking: the sync key changes, and the removed device can read nothing written from then on. The
accounts it has stay on it.`,
        positionals: [1, 1],
        options: { yes: 'remove without asking (needed where there is no terminal)' },
        passwordStdin: VAULT_PASSWORD,
        examples: ['authdesk sync remove "Old laptop"', 'authdesk sync remove 3f1c…e9 --yes'],
        exits: [...SYNC_ROUND_EXITS, EXIT.noMatch],
      },
      password: {
        usage: ['sync password [--remove]'],
        summary: 'set or remove the sync password other computers may join with',
        about: `Sets the sync password (at least ${SYNC_PASSWORD_MIN} characters, asked twice, or the next line of
standard input), with which other computers may join instead of a pairing code; with --remove,
takes it away. Anyone holding the sync folder can try passwords against it without limit: choose a
long one, or use pairing codes only.`,
        positionals: [0, 0],
        options: { remove: 'remove the sync password: joining then needs a pairing code' },
        passwordStdin: `${VAULT_PASSWORD} (then the sync password, on the next line)`,
        examples: ['authdesk sync password', 'authdesk sync password --remove'],
        exits: [
          EXIT.ok,
          EXIT.failure,
          EXIT.usage,
          ...OPEN_EXITS,
          EXIT.vaultBusy,
          EXIT.syncOff,
          EXIT.syncUnreachable,
          EXIT.cancelled,
        ],
      },
      stop: {
        usage: ['sync stop [--yes]'],
        summary: 'this device leaves the sync (its accounts stay)',
        about: `This device leaves the sync, after asking: its files are removed from the folder, and its
accounts stay here and on the other devices.`,
        positionals: [0, 0],
        options: { yes: 'stop without asking (needed where there is no terminal)' },
        passwordStdin: VAULT_PASSWORD,
        examples: ['authdesk sync stop'],
        exits: [EXIT.ok, EXIT.failure, EXIT.usage, ...OPEN_EXITS, EXIT.vaultBusy, EXIT.cancelled],
      },
    },
  },
};

const COLUMN = 29;

/** Two columns: the left one padded to COLUMN, or on a line of its own when longer. */
function rows(entries: [left: string, right: string][]): string {
  return entries
    .map(([left, right]) =>
      right === ''
        ? `  ${left}`
        : left.length + 2 < COLUMN
          ? `  ${left.padEnd(COLUMN - 2)}${right}`
          : `  ${left}\n${' '.repeat(COLUMN)}${right}`,
    )
    .join('\n');
}

function flag(name: OptionName, values?: CommandSpec['values']): string {
  const option = OPTIONS[name];
  const short = 'short' in option ? `-${option.short}, ` : '';
  const value = values?.[name] ?? VALUE[name];
  return `${short}--${name}${value ? ` ${value}` : ''}`;
}

function exitCodes(codes: readonly ExitCode[]): string {
  return codes.map((code) => `  ${String(code).padEnd(4)}${EXIT_MEANING[code]}`).join('\n');
}

const ALL_EXITS = Object.values(EXIT).sort((a, b) => a - b);

/** The overview: every command in a line, the options every command takes, every exit code. */
export const USAGE = `Usage: authdesk <command> [options]

Commands:
${rows(
  Object.values(COMMANDS).flatMap(({ usage, summary }) =>
    usage.map((line, i): [string, string] => [line, i === usage.length - 1 ? summary : '']),
  ),
)}

Options for every command:
${rows([
  [flag('vault'), "the vault file (default: $AUTHDESK_VAULT, then the app's vault)"],
  [flag('password-stdin'), 'read passwords from standard input, one per line, instead of a prompt'],
  [flag('no-agent'), NO_AGENT],
  [flag('help'), `show this help; "authdesk <command> --help" shows a command's own`],
  [flag('version'), 'show the version'],
])}

Run "authdesk <command> --help" for a command's options, examples and exit codes.

Exit codes:
${exitCodes(ALL_EXITS)}
`;

/** The spec of "code" or of a subcommand, "aws register"; undefined when there is none. */
export function commandSpec(command: string): CommandSpec | undefined {
  const [name = '', sub] = command.split(' ');
  const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (sub === undefined) return spec;
  return spec?.subcommands && Object.hasOwn(spec.subcommands, sub)
    ? spec.subcommands[sub]
    : undefined;
}

/** A command with subcommands: each in a line, and where their own help is. */
function parentHelp(name: string, spec: CommandSpec): string {
  const subs = Object.entries(spec.subcommands ?? {});
  return `Usage:
${spec.usage.map((line) => `  authdesk ${line}`).join('\n')}

${spec.about}

Subcommands:
${rows(subs.map(([sub, { summary }]): [string, string] => [sub, summary]))}

Examples:
${spec.examples.map((line) => `  ${line}`).join('\n')}

Run "authdesk ${name} <subcommand> --help" for a subcommand's options, examples and exit codes.
`;
}

/** One command's help: synopsis, what it does, its options, examples and exit codes. */
export function commandHelp(command: string): string {
  const spec = commandSpec(command);
  if (!spec) return USAGE;
  if (spec.subcommands) return parentHelp(command, spec);
  const own = Object.entries(spec.options) as [OptionName, string][];
  return `Usage:
${spec.usage.map((line) => `  authdesk ${line}`).join('\n')}

${spec.about}

Options:
${rows([
  ...own.map(([name, text]): [string, string] => [flag(name, spec.values), text]),
  [flag('vault'), "the vault file (default: $AUTHDESK_VAULT, then the app's vault)"],
  [flag('password-stdin'), spec.passwordStdin],
  [flag('no-agent'), NO_AGENT],
  [flag('help'), 'show this help'],
])}

Examples:
${spec.examples.map((line) => `  ${line}`).join('\n')}

Exit codes:
${exitCodes([...spec.exits].sort((a, b) => a - b))}
`;
}
