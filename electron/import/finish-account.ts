// An imported account made to fit the vault: names, tags and note cut to their limits, then checked.
import { ACCOUNT_LIMITS, type AccountInput } from '../../shared/account';
import { validateOtpParams } from '../../shared/otp';
import { fitAccountTags } from '../../shared/tags';
import { checkAccountInput } from '../vault/account-input';

// Longer text is cut to ACCOUNT_LIMITS (what the IPC schema and checkAccountInput allow) so that the
// account is kept rather than refused.

/** Cuts text to at most `max` UTF-16 units (the unit the limits count) without splitting a pair. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd();
}

// A line break or tab inside a name (a hand-edited file) becomes a space, so the account is kept;
// other control characters are still refused by checkAccountInput.
const oneLine = (value: string) => value.trim().replace(/[\t\n\v\f\r]+/g, ' ');
// eslint-disable-next-line no-control-regex
const NOTE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The account made to fit the vault (names, tags and note cut to their limits; control characters
 * a note may not hold dropped) and checked as the vault will check it: the OTP parameters with
 * their specific error codes first, then checkAccountInput.
 */
export function finishAccount(input: AccountInput): AccountInput {
  const account: AccountInput = {
    ...input,
    issuer: clip(oneLine(input.issuer), ACCOUNT_LIMITS.name),
    label: clip(oneLine(input.label), ACCOUNT_LIMITS.name),
  };
  // The source's groups, folders or tags (shared/tags.ts fits each name; repeats and empty ones go).
  delete account.tags;
  const tags = fitAccountTags(input.tags ?? []);
  if (tags.length > 0) account.tags = tags;
  if (input.note !== undefined) {
    account.note = clip(input.note.replace(NOTE_CONTROL, '').trim(), ACCOUNT_LIMITS.note);
  }
  validateOtpParams(account);
  return checkAccountInput(account);
}
