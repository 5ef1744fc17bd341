// What a paste on the accounts screen means: an image or a setup link to import, a bare key for the
// manual form, or ordinary text for the field that has focus (then the browser pastes it as usual).
import { looksLikeBareSecret } from '../../../../shared/otpauth';

export type PasteTarget = 'page' | 'search' | 'field';

export type PasteAction =
  | { kind: 'images'; files: File[] }
  | { kind: 'text'; text: string }
  | { kind: 'secret'; text: string }
  /** Nothing the page can read (some systems hide clipboard images from it): main reads it. */
  | { kind: 'clipboard' }
  | { kind: 'nothing' };

// otpauth://, and Google Authenticator's and LastPass Authenticator's export links.
const LINK = /^(?:otpauth(?:-migration)?|lpaauth-migration):/i;

/** null: not ours, let the browser paste. */
export function pasteAction(
  data: { files: File[]; text: string },
  target: PasteTarget,
): PasteAction | null {
  if (target === 'field') return null;
  const text = data.text.trim();
  if (data.files.length > 0) return { kind: 'images', files: data.files };
  if (LINK.test(text)) return { kind: 'text', text };
  // The search box takes any other text: a search for "amazonwebservice" is not a secret key.
  if (target === 'search') return text === '' ? { kind: 'clipboard' } : null;
  if (text === '') return { kind: 'clipboard' };
  return looksLikeBareSecret(text) ? { kind: 'secret', text } : { kind: 'nothing' };
}
