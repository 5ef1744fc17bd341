// The 1,000-account vault the list benchmarks show: a realistic mix of issuers a brand icon matches
// (by name, by an alias such as "aws-prod", or by the domain in the account name), issuers nothing
// matches (letter avatars), and accounts with a picture of their own (list-pictures.ts); most carry
// one or two tags, some none.
import type { AccountInput } from '../shared/account';
import { encodeBase32 } from '../shared/base32';

/** Well-known services people protect with two-step codes, as their sites name themselves. */
const BRANDS = `
GitHub, Google, Microsoft, Dropbox, Slack, Discord, GitLab, Bitbucket, Cloudflare,
DigitalOcean, Heroku, npm, Docker, Facebook, Instagram, LinkedIn, Reddit, Twitch, Steam,
Epic Games, PayPal, Stripe, Coinbase, Binance, Kraken, Atlassian, Okta, Auth0, Vercel,
Netlify, Fastly, Datadog, Sentry, PagerDuty, Salesforce, HubSpot, Mailchimp, Zoom, Notion,
Figma, Adobe, Apple, Nintendo, PlayStation, Ubisoft, Mozilla, Proton, Tutanota, Fastmail,
Bitwarden, 1Password, LastPass, Dashlane, Namecheap, OVH, Hetzner, Linode, Vultr,
Backblaze, Wasabi, Kickstarter, Patreon, Etsy, eBay, Shopify, WordPress, Tumblr, Mastodon,
Bluesky, Telegram, Signal, WhatsApp, Yahoo!, Zoho, Evernote, Trello, Asana, Jira,
Confluence, Grafana, Elastic, MongoDB, Redis, Snowflake, Databricks, Twilio, SendGrid,
Mailgun, Postman, JetBrains, Unity, Gemini, Bitstamp, Robinhood, Wise, Revolut, N26, Monzo`.split(
  /,\s*/,
);

/** The same service named the way people name their own AWS and Google accounts. */
const ALIASES = 'aws-prod|aws-dev|AWS|Amazon Web Services|Google Workspace|gh-work'.split('|');

/** Account names whose domain names the service while the issuer does not. */
const DOMAINS = ['github.com', 'gitlab.com', 'dropbox.com', 'slack.com', 'proton.me', 'zoom.us'];

/** Issuers no icon set knows: the company's own services, shown with a letter. */
const OWN = 'Acme VPN|Intranet|Build farm|Payroll|Staging admin|HR portal|社内 Wiki'.split('|');

/** Tags as people file their accounts; an account takes one or two of them, one in six none. */
const TAGS = 'Work|Personal|AWS|Finance|Dev|Social|Gaming|社内'.split('|');

/** How many different pictures the picture accounts share (a team's services, a few per logo). */
export const PICTURES = 24;

export type IconPlan = 'brand' | 'alias' | 'domain' | 'picture' | 'letter';

export interface ListAccount extends AccountInput {
  /** What the list should draw for it (the bench's own bookkeeping; not stored). */
  plan: IconPlan;
  /** For a picture account: which of the PICTURES it shows. */
  picture?: number;
}

/** The first two bytes of the secret are the index: every secret differs (the vault refuses duplicates). */
function secret(i: number): string {
  return encodeBase32(
    Uint8Array.from({ length: 20 }, (_, j) =>
      j === 0 ? i >> 8 : j === 1 ? i & 0xff : (i * 31 + j * 7) & 0xff,
    ),
  );
}

/** Out of every 20 accounts: 11 brands, 2 aliases, 1 domain, 2 pictures, 4 letters. */
const PLAN_KEYS = { b: 'brand', a: 'alias', d: 'domain', p: 'picture', l: 'letter' } as const;
const PLAN = [...'blbabpblbdbblbabpblb'].map((c) => PLAN_KEYS[c as keyof typeof PLAN_KEYS]);

export function listAccounts(n: number): ListAccount[] {
  return Array.from({ length: n }, (_, i) => {
    const plan = PLAN[i % PLAN.length]!;
    const nth = Math.floor(i / PLAN.length);
    const issuer =
      plan === 'brand'
        ? BRANDS[(i * 7 + nth) % BRANDS.length]!
        : plan === 'alias'
          ? ALIASES[nth % ALIASES.length]!
          : plan === 'domain'
            ? ''
            : `${OWN[i % OWN.length]!} ${String(i).padStart(4, '0')}`;
    const label =
      plan === 'domain' ? `user${i}@${DOMAINS[nth % DOMAINS.length]!}` : `user${i}@example.com`;
    const tags =
      i % 6 === 5 ? [] : i % 3 === 0 ? [TAGS[i % 8]!, TAGS[(i >> 3) % 8]!] : [TAGS[(i * 5) % 8]!];
    return {
      plan,
      ...(plan === 'picture' ? { picture: nth % PICTURES } : {}),
      ...(tags.length > 0 ? { tags: [...new Set(tags)] } : {}),
      issuer,
      label,
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secret: secret(i),
    };
  });
}

/** The bench's bookkeeping taken off, as the vault takes accounts. */
export function asInput({ plan: _plan, picture: _picture, ...account }: ListAccount): AccountInput {
  return account;
}
