// Why a typed secret key is refused, as a translatable reason (normalizeSecret decides; this explains).
import { normalizeSecret } from '../../../../shared/base32';

export type SecretFeedback =
  | { ok: true; length: number; canonical: string }
  | { ok: false; key: 'empty' }
  | { ok: false; key: 'badChar'; char: string }
  | { ok: false; key: 'lookalike'; char: string; suggestion: LookalikeKey }
  | { ok: false; key: 'invisible'; hex: string }
  | { ok: false; key: 'length'; count: number };

type LookalikeKey = 'letterO' | 'letterIorL' | 'letterB' | 'letterG';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOOKALIKES: Record<string, LookalikeKey> = {
  '0': 'letterO',
  '1': 'letterIorL',
  '8': 'letterB',
  '9': 'letterG',
};

export function checkSecret(input: string): SecretFeedback {
  try {
    const canonical = normalizeSecret(input);
    return { ok: true, length: canonical.length, canonical };
  } catch {
    return explain(input);
  }
}

function explain(input: string): SecretFeedback {
  // Mirrors normalizeSecret's clean-up so that the character we name is the one it refused.
  const compact = input.replace(/[\s-]+/gu, '').replace(/=+$/u, '');
  if (compact.length === 0) return { ok: false, key: 'empty' };
  for (const char of compact) {
    if (ALPHABET.includes(char.toUpperCase())) continue;
    if (/[\p{C}\p{Z}]/u.test(char)) {
      const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      return { ok: false, key: 'invisible', hex };
    }
    const suggestion = LOOKALIKES[char];
    return suggestion
      ? { ok: false, key: 'lookalike', char, suggestion }
      : { ok: false, key: 'badChar', char };
  }
  return { ok: false, key: 'length', count: compact.length };
}
