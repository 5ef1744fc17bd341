// Password strength with zxcvbn-ts, loaded on first use so its dictionaries stay out of the first paint.
export type StrengthScore = 0 | 1 | 2 | 3 | 4;

let checker: Promise<(password: string) => StrengthScore> | undefined;

function load() {
  checker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, en]) => {
    const zxcvbn = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return (password: string) => zxcvbn.check(password).score as StrengthScore;
  });
  return checker;
}

export async function passwordStrength(password: string): Promise<StrengthScore> {
  const check = await load();
  return check(password);
}

/** The shortest password the forms accept; strength is advice, length is the floor. */
export const MIN_PASSWORD_LENGTH = 8;

/** Why a new password typed twice cannot be used yet, the first problem first; null when it can. */
export function newPasswordProblem(
  password: string,
  confirm: string,
): 'tooShort' | 'mismatch' | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  return confirm !== password ? 'mismatch' : null;
}
