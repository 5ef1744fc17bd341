// The corpus: each case draws one synthetic screenshot and lists the texts of its codes in reading order.
import {
  type Drawn,
  FIVE_K,
  HD,
  INVERTED,
  UHD,
  aws,
  dark,
  decoys,
  grid,
  jpeg,
  phoneBatch,
  png,
  several,
  withPhoto,
} from './case-builders';
import { encodePngWithTrnsKey } from './encode';
import { hotpUri, japaneseUris, steamUri, totpUri, awsUri, googleExport } from './payloads';
import { qrRaster } from './qr-draw';
import type { Rng } from './random';
import { type Raster, rgb, rotate90 } from './raster';
import { awsMfaScreen, codesPage } from './screens';

export interface CaseSpec {
  name: string;
  /** What the case is there to prove. */
  about: string;
  format: 'png' | 'jpeg';
  draw(rng: Rng): Drawn;
  encode(r: Raster): Uint8Array;
}

export const CASES: CaseSpec[] = [
  {
    name: 'aws-mfa-1080p',
    about: 'one code, 4 px modules, on a console page',
    ...png('rgb'),
    draw: aws(HD, { module: 4 }),
  },
  {
    name: 'aws-mfa-4k-rgba',
    about: 'a 4K screenshot saved with an (opaque) alpha channel, as macOS does',
    ...png('rgba'),
    draw: aws(withPhoto(UHD), { module: 8 }),
  },
  {
    name: 'aws-mfa-4k-photo-heavy',
    about: 'a 4K screenshot where half the screen is photo-like (a heavy, 3 MB PNG)',
    ...png('rgb'),
    draw: aws(withPhoto(UHD, 'full'), { module: 6 }),
  },
  {
    name: 'aws-mfa-5k',
    about: 'a 5K screenshot',
    ...png('rgb'),
    draw: aws(withPhoto(FIVE_K), { module: 6 }),
  },
  {
    name: 'three-codes-4k',
    about: 'three codes on one 4K page, 3 px modules',
    ...png('rgb'),
    draw: grid(UHD, several(3), { module: 3 }, 3),
  },
  {
    name: 'six-codes-1080p-2px',
    about: 'six codes with 2 px modules, two rows',
    ...png('rgb'),
    draw: grid(HD, several(6), { module: 2 }, 3),
  },
  {
    name: 'one-code-8px-1080p',
    about: 'large 8 px modules',
    ...png('rgb'),
    draw: grid(HD, several(1), { module: 8 }, 1),
  },
  {
    name: 'large-blurred-4k',
    about:
      'a huge, soft code (20 px modules at 1.25× zoom, blurred): found only by the downscaled pass',
    ...png('rgb'),
    draw: grid(UHD, several(1), { module: 20, zoom: 1.25, blur: 3 }, 1),
  },
  {
    name: 'dark-mode-1080p',
    about: 'an inverted code on a dark page',
    ...png('rgb'),
    draw: aws(dark(HD), { module: 4, ...INVERTED }),
  },
  {
    name: 'dark-mode-5k-three-codes',
    about: 'three inverted codes on a dark 5K page',
    ...png('rgb'),
    draw: grid(dark(FIVE_K), several(3), { module: 5, ...INVERTED }, 3),
  },
  {
    name: 'jpeg-q40-1080p',
    about: 'JPEG artefacts at quality 40',
    ...jpeg(40),
    draw: aws(HD, { module: 4 }),
  },
  {
    name: 'jpeg-q40-4k-two-codes',
    about: 'two codes in a 4K JPEG at quality 40',
    ...jpeg(40),
    draw: grid(UHD, several(2), { module: 5 }, 2),
  },
  {
    name: 'zoom-125-blur',
    about: 'browser zoom 1.25× (3.75 px modules), resampled and blurred',
    ...png('rgb'),
    draw: aws(HD, { module: 3, zoom: 1.25, blur: 1 }),
  },
  {
    name: 'zoom-150-blur',
    about: 'browser zoom 1.5× (3 px modules from 2), resampled and blurred',
    ...png('rgb'),
    draw: grid(HD, several(3), { module: 2, zoom: 1.5, blur: 1 }, 3),
  },
  {
    name: 'zoom-175-blur',
    about: 'browser zoom 1.75× (5.25 px modules), resampled and blurred twice',
    ...png('rgb'),
    draw: aws(HD, { module: 3, zoom: 1.75, blur: 2 }),
  },
  {
    name: 'rotated-90-1080p',
    about: 'a portrait monitor: the whole screenshot turned a quarter',
    ...png('rgb'),
    draw: aws(HD, { module: 4 }, rotate90),
  },
  {
    name: 'transparent-black-on-clear',
    about:
      'a black code on a fully transparent background (transparent pixels are black underneath)',
    ...png('rgba'),
    draw: (rng) => {
      const uri = totpUri(rng);
      return { raster: qrRaster(uri, { module: 6, light: [0, 0, 0, 0] }), expected: [uri] };
    },
  },
  {
    name: 'transparent-white-on-clear',
    about: 'a white code on a transparent background, made for dark pages',
    ...png('rgba'),
    draw: (rng) => {
      const uri = totpUri(rng);
      return {
        raster: qrRaster(uri, { module: 6, dark: [255, 255, 255, 255], light: [255, 255, 255, 0] }),
        expected: [uri],
      };
    },
  },
  {
    name: 'transparent-trns-key',
    about: 'an RGB PNG whose black background is made transparent by a tRNS chunk',
    format: 'png',
    encode: (r) => encodePngWithTrnsKey(r, [0, 0, 0]),
    draw: (rng) => {
      const uri = totpUri(rng);
      return {
        raster: qrRaster(uri, { module: 5, dark: rgb('#202020'), light: [0, 0, 0, 255] }),
        expected: [uri],
      };
    },
  },
  {
    name: 'grayscale-png-1080p',
    about: 'a grayscale PNG',
    ...png('gray'),
    draw: aws(HD, { module: 4 }),
  },
  {
    name: 'decoys-1080p',
    about: 'finder-pattern look-alikes, alone and in a QR-like triangle, beside one real code',
    ...png('rgb'),
    draw: (rng) => {
      const uri = awsUri(rng);
      const r = awsMfaScreen(rng, HD, qrRaster(uri, { module: 4 }), (page, area) =>
        decoys(page, area, 4),
      );
      return { raster: r, expected: [uri] };
    },
  },
  {
    name: 'japanese-issuers-1080p',
    about: 'Japanese issuers and names, percent-encoded and raw UTF-8',
    ...png('rgb'),
    draw: grid(HD, japaneseUris, { module: 3 }, 3),
  },
  {
    name: 'hotp-and-steam-1080p',
    about: 'an HOTP and a Steam URI',
    ...png('rgb'),
    draw: grid(HD, (rng) => [hotpUri(rng), steamUri(rng)], { module: 4 }, 2),
  },
  {
    name: 'google-export-3-batches-4k',
    about: 'a Google export of 25 accounts: three codes in one image',
    ...png('rgb'),
    draw: grid(UHD, (rng) => googleExport(rng, 25), { module: 4 }, 3),
  },
  {
    name: 'google-export-phone-1-of-3',
    about: 'a phone screenshot of a Google export, batch 1',
    ...png('rgb'),
    draw: phoneBatch(0, 'light'),
  },
  {
    name: 'google-export-phone-2-of-3',
    about: 'batch 2, dark theme',
    ...png('rgb'),
    draw: phoneBatch(1, 'dark'),
  },
  {
    name: 'google-export-phone-3-of-3',
    about: 'batch 3, shared as a JPEG',
    ...jpeg(75),
    draw: phoneBatch(2, 'light'),
  },
  {
    name: 'same-code-twice-1080p',
    about: 'one code shown twice (thumbnail and large) is reported once',
    ...png('rgb'),
    draw: (rng) => {
      const uri = totpUri(rng);
      return {
        raster: codesPage(rng, HD, [qrRaster(uri, { module: 3 }), qrRaster(uri, { module: 6 })], 2),
        expected: [uri],
      };
    },
  },
  {
    name: 'no-code-1080p',
    about: 'a console page without a code',
    ...png('rgb'),
    draw: (rng) => ({ raster: awsMfaScreen(rng, HD, null), expected: [] }),
  },
  {
    name: 'no-code-decoys-4k',
    about: 'decoys and text but no code: no false positive',
    ...png('rgb'),
    draw: (rng) => ({
      raster: awsMfaScreen(rng, UHD, null, (page, area) => decoys(page, area, 6)),
      expected: [],
    }),
  },
];
