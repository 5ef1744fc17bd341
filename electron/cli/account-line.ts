// How the command names a found account in its previews: "GitHub (alice)  (TOTP SHA1 6 digits, 30 s)",
// and the tags it will have, "  [Work, Open source]".
import { displayName, type AccountInput } from '../../shared/account';

export function accountLine(a: AccountInput): string {
  const kind =
    a.type === 'steam' ? 'Steam' : `${a.type.toUpperCase()} ${a.algorithm} ${a.digits} digits`;
  const timing = a.type === 'hotp' ? `counter ${a.counter}` : `${a.period} s`;
  const tags = a.tags?.length ? `  [${a.tags.join(', ')}]` : '';
  return `${displayName(a)}  (${kind}, ${timing})${tags}`;
}
