// How a service's name becomes a look-up key: the same folding for an issuer as exported by another app
// ("GitHub, Inc.", "ＧｉｔＨｕｂ", "aws-prod") and for a brand's title in the icon set ("GitHub").

/** Latin accents dropped (é → e); other scripts' marks (the kana's dakuten) kept. */
const LATIN_MARKS = /[\u0300-\u036f]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Width-, case- and accent-insensitive text with "&" and "+" spelt out, as simple-icons' slugs do. */
export function foldName(text: string): string {
  // Most names are plain ASCII, which none of the normalisations below would change.
  const folded = PRINTABLE_ASCII.test(text)
    ? text.toLowerCase()
    : text
        .normalize('NFKC')
        .toLowerCase()
        .normalize('NFD')
        .replace(LATIN_MARKS, '')
        .normalize('NFC');
  return folded.replaceAll('&', ' and ').replaceAll('+', ' plus ');
}

/** The words of a name, folded: "Amazon Web Services" → ["amazon", "web", "services"]. */
export function nameWords(text: string): string[] {
  return foldName(text).split(NOT_WORD).filter(Boolean);
}

/** The look-up key of a name: its words run together ("Battle.net" → "battlenet"). */
export function nameKey(text: string): string {
  return nameWords(text).join('');
}

/** Company-form words at the end of a name: "GitHub, Inc.", "Google LLC", "Sony Group Corp.". */
const COMPANY_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'plc',
  'kk',
  'bv',
  'nv',
  'oy',
  'ab',
  'srl',
  'pty',
  'group',
  '株式会社',
  '有限会社',
]);

/**
 * Words that say which of a user's accounts it is, not which service: "My GitHub", "aws-prod",
 * "Work Google". Skipped at the start of a name and never matched alone.
 */
export const QUALIFIERS = new Set([
  'my',
  'the',
  'prod',
  'production',
  'dev',
  'development',
  'staging',
  'stage',
  'test',
  'testing',
  'qa',
  'sandbox',
  'demo',
  'work',
  'personal',
  'private',
  'home',
  'old',
  'new',
  'main',
  'backup',
  'admin',
  'root',
  'corp',
  'company',
  'team',
  'shared',
  'legacy',
]);

/**
 * Ordinary words that are also a brand's name in the icon set (Ghost, Line, Note, Square, Box, ROOT,
 * Local…) or that name no service: never matched as one word out of several ("Line Works" is not
 * LINE), and the few that are far more often a word than the brand are not matched even alone.
 */
export const GENERIC_WORDS = new Set([
  ...QUALIFIERS,
  'server',
  'servers',
  'mail',
  'email',
  'vpn',
  'bank',
  'account',
  'accounts',
  'login',
  'office',
  'cloud',
  'router',
  'nas',
  'wifi',
  'shop',
  'store',
  'school',
  'university',
  'game',
  'games',
  'chat',
  'note',
  'line',
  'square',
  'target',
  'shell',
  'ghost',
  'discover',
  'box',
  'local',
  'vault',
  'web',
  'app',
  'portal',
  'user',
  'service',
  'services',
  'site',
  'online',
  'secure',
  'auth',
  'sso',
  'id',
  'key',
  'token',
  'mfa',
  'otp',
  'twofactor',
  '2fa',
]);

/** Never matched, even as a whole name: words here far more often than the brand of that name. */
export const NEVER_ALONE = new Set(['root', 'local', 'home', 'admin', 'test', 'demo', 'main']);

/**
 * The keys to try for a service name, most specific first: the whole name, the name without its
 * company form, then shorter runs of its first words ("GitHub Enterprise Server" → "githubenterprise",
 * "github"), skipping qualifiers at the start ("My GitHub") and never a generic word alone.
 */
export function nameCandidates(text: string): string[] {
  const words = nameWords(text);
  const out: string[] = [];
  const add = (key: string) => {
    if (key && !NEVER_ALONE.has(key) && !out.includes(key)) out.push(key);
  };
  add(words.join(''));
  let core = words;
  while (core.length > 1 && COMPANY_FORMS.has(core[core.length - 1]!)) core = core.slice(0, -1);
  let start = 0;
  while (start < core.length - 1 && QUALIFIERS.has(core[start]!)) start++;
  core = core.slice(start);
  if (core.length > 1 || !GENERIC_WORDS.has(core[0] ?? '')) add(core.join(''));
  for (let end = core.length - 1; end >= 1; end--) {
    const run = core.slice(0, end);
    if (run.length === 1 && GENERIC_WORDS.has(run[0]!)) continue;
    add(run.join(''));
  }
  return out;
}
