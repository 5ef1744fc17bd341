// Proves every code in the synthetic screenshot corpus is found, exactly, in reading order, with no false positive.
import { describe, expect, it } from 'vitest';
import { decodeQrFromBytes } from '../../electron/qr/decode';
import { CASES } from '../corpus/cases';
import { corpusNames, generateCase } from '../corpus/corpus';

describe('the QR corpus', () => {
  it('covers what the issue asks for: 20+ cases, 1080p, 4K and 5K, several codes, JPEG, no code', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    const names = corpusNames().join(' ');
    for (const part of [
      '1080p',
      '4k',
      '5k',
      'dark-mode',
      'jpeg-q40',
      'zoom-125',
      'zoom-150',
      'zoom-175',
      'rotated-90',
      'transparent',
      'grayscale',
      'decoys',
      'japanese',
      'hotp-and-steam',
      'google-export',
      'phone',
      'no-code',
    ]) {
      expect(names).toContain(part);
    }
  });

  it('draws the same bytes from the same seed, and different ones from another', () => {
    const a = generateCase('transparent-black-on-clear', 1);
    expect(generateCase('transparent-black-on-clear', 1).bytes).toEqual(a.bytes);
    expect(generateCase('transparent-black-on-clear', 2).bytes).not.toEqual(a.bytes);
  });
});

describe('decodeQrFromBytes on the corpus', () => {
  it.each(CASES.map((c) => [c.name, c.about] as const))(
    '%s (%s): finds exactly the expected codes',
    async (name) => {
      const image = generateCase(name);
      expect(await decodeQrFromBytes(image.bytes)).toEqual(image.expected);
    },
  );
});
