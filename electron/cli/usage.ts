// The help text of the authdesk command.

export const USAGE = `Usage: authdesk <command> [options]

Commands:
  init                         create a new encrypted vault
  list [--json]                list the accounts (with current codes); --json prints metadata, never secrets
  code <query> [--next]        print the current (or next) code of one account, and nothing else
  add <otpauth-uri>            add an account from an otpauth:// URI or an otpauth-migration:// export link
  add --secret KEY --issuer X --label Y [--type totp|hotp|steam] [--algorithm SHA1|SHA256|SHA512]
      [--digits 6|7|8] [--period 30] [--counter 0]
                               add an account from its secret key
  remove <query> [--yes]       delete one account (asks first unless --yes)
  passwd                       change the vault password
  scan <image>… [--json] [--show-secrets] [--add] [--yes]
                               read the QR codes in screenshots (PNG, JPEG) and show the accounts;
                               --show-secrets adds each secret key and the decoded text; --add adds
                               them to the vault (asks first unless --yes; duplicates are skipped)
  export --out FILE [--force]  write an encrypted backup of the whole vault (asks for a backup password)
  import <file> [--yes] [--replace] [--json]
                               import an Authdesk backup, or an Aegis, 2FAS, andOTP, Bitwarden, Google
                               Authenticator or otpauth:// list export: shows the accounts, asks, then
                               adds the new ones; --replace makes the vault hold exactly the file's
                               accounts (the current vault is kept as a copy); --json prints the result

Options:
  --vault PATH                 the vault file (default: $AUTHDESK_VAULT, then the app's vault)
  --password-stdin             read passwords from standard input, one per line, instead of a prompt
                               (export and import: the vault password, then the backup's or file's)
  --force                      (export) overwrite an existing file
  --allow-duplicate            (add) add even if the vault already has the account
  -h, --help                   show this help
  -v, --version                show the version

A <query> matches the issuer or account name, case-insensitively; it must match exactly one account.

Exit codes:
  0 success             1 other failure (e.g. disk full, no permission)   2 usage error
  3 wrong or rejected password   4 no account matches   5 several accounts match
  6 vault not found (or already exists, for init)   7 vault damaged or from a newer Authdesk
  8 vault busy (another process holds its lock)     9 the account data was refused (bad URI or secret key, duplicate)
  10 scan: an image could not be read or held no two-step verification QR code
  11 import: the file is not one Authdesk imports, or is damaged, too new or too large
`;
