// The icon chooser's state as the Edit dialog keeps it: the icon the account will have (null: matched
// automatically), and the patch that saves it (nothing when it did not change).
import type { AccountIcon } from '../../../../shared/account-icon';

/** null: automatic (no `icon` on the account). */
export type IconChoice = AccountIcon | null;

export type ChoiceMode = 'automatic' | 'brand' | 'image' | 'letter';

export const CHOICE_MODES = [
  'automatic',
  'brand',
  'image',
  'letter',
] as const satisfies readonly ChoiceMode[];

export function modeOf(choice: IconChoice): ChoiceMode {
  return choice === null ? 'automatic' : choice.kind;
}

export function sameChoice(a: IconChoice, b: IconChoice): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'brand' && b.kind === 'brand') return a.slug === b.slug;
  if (a.kind === 'image' && b.kind === 'image') return a.hash === b.hash;
  return true;
}

/** The `icon` field of updateAccount's patch, present only when the choice changed. */
export function iconPatch(
  initial: AccountIcon | undefined,
  choice: IconChoice,
): { icon?: IconChoice } {
  return sameChoice(initial ?? null, choice) ? {} : { icon: choice };
}
