// Our own badges for brands that simple-icons no longer carries (their owners asked for their logos
// to be removed: AWS, Amazon, Microsoft, LinkedIn, Yahoo, Heroku, Slack, …). A badge is not the brand's
// logo: it is the brand's usual short name, set in the app's own font, in the brand's colour, on the
// same tile the icons use (renderer/features/icons). The keys are brand keys like simple-icons' slugs
// (BRAND_SLUG_PATTERN) and must never be one of its slugs (test/unit/brand-icons-data.test.ts).

export interface Badge {
  /** The brand's name, as the chooser lists it. */
  title: string;
  /** What the tile shows: the short name or a usual abbreviation, at most 5 characters. */
  text: string;
  /** The brand's main colour, RRGGBB without "#". */
  hex: string;
}

export const BADGES: Readonly<Record<string, Badge>> = {
  aws: { title: 'Amazon Web Services', text: 'AWS', hex: 'FF9900' },
  amazon: { title: 'Amazon', text: 'amzn', hex: 'FF9900' },
  microsoft: { title: 'Microsoft', text: 'MS', hex: '0078D4' },
  azure: { title: 'Microsoft Azure', text: 'Azure', hex: '0078D4' },
  linkedin: { title: 'LinkedIn', text: 'Li', hex: '0A66C2' },
  yahoo: { title: 'Yahoo', text: 'Yahoo', hex: '6001D2' },
  heroku: { title: 'Heroku', text: 'Hrku', hex: '430098' },
  slack: { title: 'Slack', text: 'Slack', hex: '4A154B' },
  adobe: { title: 'Adobe', text: 'Adobe', hex: 'FA0F00' },
  salesforce: { title: 'Salesforce', text: 'SF', hex: '00A1E0' },
  oracle: { title: 'Oracle', text: 'ORCL', hex: 'C74634' },
  ibm: { title: 'IBM', text: 'IBM', hex: '0F62FE' },
  openai: { title: 'OpenAI', text: 'OAI', hex: '000000' },
  twilio: { title: 'Twilio', text: 'Twlo', hex: 'F22F46' },
};

export function badgeOf(key: string): Badge | undefined {
  return Object.hasOwn(BADGES, key) ? BADGES[key] : undefined;
}
