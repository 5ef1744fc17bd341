// Proves which brand an account gets: issuers as other apps export them (Aegis, 2FAS, Google
// Authenticator), the domain in the account name, an issuer that is a domain, our alias table and
// badges for brands simple-icons does not carry; and the names that must stay letters.
import { describe, expect, it } from 'vitest';
import { matcher } from './simple-icons-data';
import { nameCandidates, nameKey } from '../../../shared/brand-icons/names';
import { hostIn, registeredDomain } from '../../../shared/brand-icons/domains';

const keyOf = (issuer: string, label = '') => matcher.match({ issuer, label })?.key;

describe('issuer names as apps export them', () => {
  it.each([
    ['Amazon Web Services', 'aws'],
    ['aws', 'aws'],
    ['AWS', 'aws'],
    ['aws-prod', 'aws'],
    ['AWS (prod)', 'aws'],
    ['Amazon', 'amazon'],
    ['Amazon.co.jp', 'amazon'],
    ['GitHub', 'github'],
    ['github.com', 'github'],
    ['GitHub, Inc.', 'github'],
    ['GitHub Enterprise', 'github'],
    ['ＧｉｔＨｕｂ', 'github'],
    ['Google', 'google'],
    ['Google Workspace', 'google'],
    ['G Suite', 'google'],
    ['Google LLC', 'google'],
    ['accounts.google.com', 'google'],
    ['Google Cloud', 'googlecloud'],
    ['Microsoft', 'microsoft'],
    ['Microsoft 365', 'microsoft'],
    ['Office 365', 'microsoft'],
    ['Microsoft Azure', 'azure'],
    ['Dropbox', 'dropbox'],
    ['Discord', 'discord'],
    ['Proton', 'proton'],
    ['Proton Mail', 'protonmail'],
    ['ProtonMail', 'protonmail'],
    ['npm', 'npm'],
    ['1Password', '1password'],
    ['Bitwarden', 'bitwarden'],
    ['Cloudflare', 'cloudflare'],
    ['Steam', 'steam'],
    ['Twitter', 'x'],
    ['LinkedIn', 'linkedin'],
    ['Yahoo! JAPAN', 'yahoo'],
    ['Heroku', 'heroku'],
    ['Slack', 'slack'],
    ['Battle.net', 'battledotnet'],
    ['Blizzard', 'battledotnet'],
    ['PayPal', 'paypal'],
    ['Epic Games', 'epicgames'],
    ['Mail.ru', 'maildotru'],
    ['My GitHub', 'github'],
    ['LINE', 'line'],
    ['ライン', 'line'],
    ['グーグル', 'google'],
    ['楽天', 'rakuten'],
  ])('%s → %s', (issuer, key) => {
    expect(keyOf(issuer)).toBe(key);
  });
});

describe('the domain in the account name', () => {
  it.each([
    ['', 'alice@github.com', 'github'],
    ['My Server', 'alice@github.com', 'github'],
    ['', 'https://github.com/alice', 'github'],
    ['', 'mail.google.com', 'google'],
    ['', 'alice@mail.google.com', 'google'],
    ['', 'alice@gmail.com', 'gmail'],
    ['', 'alice@contoso.onmicrosoft.com', 'microsoft'],
    ['', 'admin@d-1234567890.awsapps.com', 'aws'],
    ['', 'alice@amazon.co.jp', 'amazon'],
  ])('%s / %s → %s', (issuer, label, key) => {
    expect(keyOf(issuer, label)).toBe(key);
  });

  it('lets the issuer win over the domain of the account name', () => {
    expect(keyOf('Dropbox', 'alice@github.com')).toBe('dropbox');
    expect(keyOf('Amazon Web Services', 'root@123456789012')).toBe('aws');
  });

  it('does not take a mail provider for the service when there is an issuer', () => {
    expect(keyOf('Dropbox', 'alice@gmail.com')).toBe('dropbox');
    expect(keyOf('My Server', 'alice@gmail.com')).toBeUndefined();
    expect(keyOf('Legacy VPN', 'bob@outlook.com')).toBeUndefined();
  });
});

describe('names that must stay letters', () => {
  it.each([
    ['My Server', 'admin'],
    ['Legacy VPN', 'bob'],
    ['Server', ''],
    ['Home', ''],
    ['root', ''],
    ['Mail', ''],
    ['Bank', ''],
    ['Admin Portal', ''],
    ['Work', ''],
    ['Company VPN', 'alice@acme-corp.example'],
    ['', 'alice@example.com'],
    ['', 'alice.smith'],
    ['', 'root@123456789012'],
    ['', 'admin@192.168.1.1'],
    ['さくらのクラウド', '山田 太郎'],
    ['Line Works Lab', ''],
    ['', ''],
  ])('%s / %s', (issuer, label) => {
    expect(keyOf(issuer, label)).toBeUndefined();
  });
});

describe('names and domains', () => {
  it('folds width, case, accents, "&" and "+"', () => {
    expect(nameKey('ＡＷＳ')).toBe('aws');
    expect(nameKey('Crédit Agricole')).toBe('creditagricole');
    expect(nameKey('AT&T')).toBe('atandt');
    expect(nameKey('Google+')).toBe('googleplus');
    expect(nameKey('グーグル')).toBe('グーグル');
  });

  it('tries the whole name, then without the company form and qualifiers, then shorter runs', () => {
    expect(nameCandidates('GitHub Enterprise Server')).toEqual([
      'githubenterpriseserver',
      'githubenterprise',
      'github',
    ]);
    expect(nameCandidates('Sony Group Corp.')).toEqual(['sonygroupcorp', 'sony']);
    expect(nameCandidates('My Server')).toEqual(['myserver']);
    expect(nameCandidates('Line Works')).toEqual(['lineworks']);
  });

  it('finds the host of an address, a URL or a bare domain, and its registered domain', () => {
    expect(hostIn('alice@GitHub.com')).toBe('github.com');
    expect(hostIn('alice.smith@mail.example.co.uk')).toBe('mail.example.co.uk');
    expect(hostIn('https://gitlab.com/alice')).toBe('gitlab.com');
    expect(hostIn('alice.smith')).toBeUndefined();
    expect(hostIn('alice@localhost')).toBeUndefined();
    expect(registeredDomain('mail.google.com')).toBe('google.com');
    expect(registeredDomain('www.amazon.co.jp')).toBe('amazon.co.jp');
    expect(registeredDomain('co.jp')).toBeUndefined();
  });
});

describe('a brand by key and the chooser search', () => {
  it('gives an icon of the set or one of our badges, and nothing for an unknown key', () => {
    expect(matcher.brand('github')).toEqual({
      kind: 'icon',
      key: 'github',
      title: 'GitHub',
      hex: '181717',
    });
    expect(matcher.brand('aws')).toMatchObject({ kind: 'badge', text: 'AWS', hex: 'FF9900' });
    expect(matcher.brand('nosuchbrand')).toBeUndefined();
  });

  it('lists the brand of that name first, then names starting with the query, then containing it', () => {
    expect(matcher.search('GitHub', 5)[0]?.key).toBe('github');
    const found = matcher.search('git', 50).map((brand) => brand.key);
    expect(found).toContain('github');
    expect(found).toContain('gitlab');
    expect(found.indexOf('github')).toBeLessThan(found.indexOf('digitalocean'));
    expect(matcher.search('amazon web', 5).map((brand) => brand.key)).toEqual(['aws']);
    expect(matcher.search('ヤフー', 5).map((brand) => brand.key)).toEqual(['yahoo']);
    expect(matcher.search('  ', 5)).toEqual([]);
  });
});
