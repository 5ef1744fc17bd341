// The web address in an account: the domain of "alice@github.com", of "https://github.com/alice" or of
// an issuer written as one ("accounts.google.com"), reduced to the name a brand goes by ("google").

/** Second-level suffixes under which the name is the third label from the right (amazon.co.jp). */
const TWO_LEVEL_SUFFIXES = new Set([
  'co.jp',
  'ne.jp',
  'or.jp',
  'ac.jp',
  'go.jp',
  'ad.jp',
  'gr.jp',
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'com.br',
  'com.cn',
  'com.tw',
  'com.hk',
  'com.sg',
  'com.mx',
  'com.tr',
  'co.kr',
  'co.in',
  'co.za',
  'co.il',
]);

/**
 * Top-level domains a bare name must end in to be read as a web address ("github.com", not
 * "alice.smith"); after an "@" any alphabetic top-level domain is a domain.
 */
const COMMON_TLDS = new Set(
  (
    'com net org io dev app co ai me cloud tech info biz xyz jp uk de fr nl be ch at it es pt se no dk fi ' +
    'pl cz ru ua cn tw hk kr sg in au nz ca us br mx ar eu gg tv so sh to ly gl'
  ).split(' '),
);

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOSTISH = /(?:[a-z0-9-]+\.)+[a-z]{2,63}/g;

/**
 * The host name in a text, lower case, or undefined: after the last "@" of an e-mail address, else the
 * host of a URL, else a bare domain with a common top-level domain.
 */
export function hostIn(text: string): string | undefined {
  const folded = text.normalize('NFKC').toLowerCase().trim();
  const at = folded.lastIndexOf('@');
  if (at >= 0) {
    const host = folded
      .slice(at + 1)
      .split(/[\s/)>:?#,;]/)[0]!
      .replace(/\.$/, '');
    return HOST.test(host) ? host : undefined;
  }
  for (const candidate of folded.match(HOSTISH) ?? []) {
    const tld = candidate.slice(candidate.lastIndexOf('.') + 1);
    if (HOST.test(candidate) && COMMON_TLDS.has(tld)) return candidate;
  }
  return undefined;
}

/** The host and each of its parent domains: mail.google.com, google.com (not the bare TLD). */
export function hostSuffixes(host: string): string[] {
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * The registered domain (what was bought: google.com, amazon.co.jp) of a host, or undefined for a
 * host that is only a public suffix.
 */
export function registeredDomain(host: string): string | undefined {
  const labels = host.split('.');
  const suffixLength = TWO_LEVEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 2 : 1;
  if (labels.length <= suffixLength) return undefined;
  return labels.slice(-(suffixLength + 1)).join('.');
}

/** The name a domain goes by: its registered domain's first label ("mail.google.com" → "google"). */
export function domainName(host: string): string | undefined {
  return registeredDomain(host)?.split('.')[0];
}
