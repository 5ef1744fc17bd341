// Text files of links, one per line: otpauth:// lists (Aegis, 2FAS and others export them), Google Authenticator export links and LastPass Authenticator transfer links.
import type { ImportProblem } from '../../../shared/import';
import { combine, fromText, nothingFound, type Found } from '../found';
import { meaningfulLines, type NumberedLine } from './file-text';
import type { OpenedFile } from './opened-file';

const LINK = /^(?:otpauth(?:-migration)?|lpaauth-migration):/i;
const MIGRATION = /^otpauth-migration:/i;
const LASTPASS = /^lpaauth-migration:/i;

function withPlace(problem: ImportProblem, place: string): ImportProblem {
  return { ...problem, detail: problem.detail ? `${place}: ${problem.detail}` : place };
}

/**
 * One line: its link read as sources.ts reads a pasted link (so an export batch keeps its batch
 * info, and every account is checked as the vault will check it). A line that is not a link is a
 * problem; its text is never shown, since it may be a secret.
 */
function readLine({ number, text }: NumberedLine, source: string): Found {
  const place = `line ${number}`;
  if (!LINK.test(text)) {
    return {
      ...nothingFound(),
      problems: [
        {
          source,
          code: 'URI_SCHEME',
          message: 'This line is not an otpauth:// or otpauth-migration:// link.',
          detail: place,
        },
      ],
    };
  }
  const found = fromText(text, source);
  return {
    accounts: found.accounts,
    problems: found.problems.map((p) => withPlace(p, place)),
    batches: found.batches,
  };
}

/**
 * The file as a list of links, or null when no line is one. Google (or LastPass): every link is
 * that app's export link.
 */
export function openLinkList(text: string, source: string): OpenedFile | null {
  const lines = meaningfulLines(text);
  const links = lines.filter((line) => LINK.test(line.text));
  if (links.length === 0) return null;
  return {
    format: links.every((line) => MIGRATION.test(line.text))
      ? 'google'
      : links.every((line) => LASTPASS.test(line.text))
        ? 'lastpass'
        : 'otpauth-list',
    encrypted: false,
    read: async () => combine(lines.map((line) => readLine(line, source))),
  };
}
