// Pairing: the first device shows a code (100 random bits, valid PAIRING_CODE_TTL_MS) and writes
// `<device>.pairing`, its keys sealed under scrypt(code) with the expiry inside; the joining device
// tries the folder's offers with the typed code. The code is also shown as a QR code.
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AuthdeskError } from '../../../shared/errors';
import { formatPairingCode, normalisePairingCode, PAIRING_CODE_TTL_MS } from '../../../shared/sync';
import type { KdfCost } from '../../vault/kdf';
import { syncFileName } from '../folder/names';
import type { FolderListing, SyncFolder } from '../folder/sync-folder';
import type { DeviceId, DeviceInfo, SyncKey } from '../types';
import { readOrSkip } from './read-or-skip';
import { newestRotationEpoch } from './rotation';
import { openUnderSecret, sealUnderSecret } from './secret-seal';
import { newestEpoch, syncKeySchema } from './sync-key';

// Crockford's base32, as normalisePairingCode reads it.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 20;
/**
 * The code holds 100 random bits: no one guesses it, whatever the derivation costs, in the 10
 * minutes it lives (or ever). scrypt still makes each guess dear; the cost scrypt's paper gives
 * for interactive logins, lower than the sync password's, keeps joining quick (~45 ms per offer).
 */
export const PAIRING_KDF_COST: Readonly<KdfCost> = Object.freeze({ N: 2 ** 14, r: 8, p: 1 });
/** The most offers a joining device tries (each costs a derivation); newest first. */
const MAX_OFFERS_TRIED = 8;

const offerSchema = z.strictObject({
  offeredBy: z.strictObject({ id: z.string(), name: z.string(), publicKey: z.string() }),
  keys: z.array(syncKeySchema).min(1).max(1024),
  expiresAt: z.iso.datetime(),
});

/** 20 characters of Crockford base32 from 100 random bits. */
export function newPairingCode(): string {
  const bytes = randomBytes(13);
  let code = '';
  for (let i = 0; i < CODE_CHARS; i++) {
    const bit = i * 5;
    const pair = (bytes[bit >> 3]! << 8) | bytes[(bit >> 3) + 1]!;
    code += ALPHABET[(pair >> (11 - (bit & 7))) & 31];
  }
  bytes.fill(0);
  return code;
}

/**
 * A new pairing code, written as `<device>.pairing` (replacing an older one). `code` is as shown
 * (formatPairingCode: groups of four joined by '-'), `expiresAt` ISO 8601.
 */
export async function offerPairing(
  folder: SyncFolder,
  me: DeviceInfo,
  keys: SyncKey[],
  nowMs: number,
): Promise<{ code: string; expiresAt: string }> {
  if (keys.length === 0) throw new AuthdeskError('INVALID_ARGUMENT', 'There is no key to offer.');
  const code = newPairingCode();
  const expiresAt = new Date(nowMs + PAIRING_CODE_TTL_MS).toISOString();
  const body = { offeredBy: me, keys, expiresAt };
  const bytes = await sealUnderSecret(body, code, PAIRING_KDF_COST, {
    kind: 'pairing',
    device: me.id,
    epoch: newestEpoch(keys),
  });
  await folder.writeOwn(syncFileName('pairing', me.id), bytes);
  return { code: formatPairingCode(code), expiresAt };
}

/** Removes this device's pairing offer (cancelled, used, or expired). */
export async function withdrawPairing(folder: SyncFolder, device: DeviceId): Promise<void> {
  await folder.removeOwn(syncFileName('pairing', device));
}

/**
 * The keys behind a typed code (any case, with or without dashes, or the QR code's text).
 * SYNC_NOTHING_TO_JOIN when the folder holds no sync; SYNC_PAIRING_WRONG when no offer opens with
 * it (a typo, another folder's code, or an offer already withdrawn); SYNC_PAIRING_EXPIRED.
 */
export async function openPairing(
  folder: SyncFolder,
  listing: FolderListing,
  code: string,
  nowMs: number,
): Promise<{ keys: SyncKey[]; offeredBy: DeviceId }> {
  if (listing.devices.size === 0) {
    throw new AuthdeskError('SYNC_NOTHING_TO_JOIN', 'The folder holds no sync to join.');
  }
  const plain = normalisePairingCode(code);
  if (plain === null) {
    throw new AuthdeskError(
      'SYNC_PAIRING_WRONG',
      'That is not a pairing code: it has 20 letters and digits.',
    );
  }
  const offers = [...listing.devices.values()]
    .flatMap((files) => (files.pairing ? [files.pairing] : []))
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .slice(0, MAX_OFFERS_TRIED);
  // An offer written by a newer Authdesk cannot be tried: if nothing else opens, that is the answer.
  let tooNew: AuthdeskError | undefined;
  for (const file of offers) {
    const bytes = await readOrSkip(folder, file);
    if (!bytes) continue;
    let opened: Awaited<ReturnType<typeof openUnderSecret>>;
    try {
      opened = await openUnderSecret(bytes, plain, { kind: 'pairing', device: file.device });
    } catch (error) {
      if (!(error instanceof AuthdeskError)) throw error;
      if (error.code === 'SYNC_TOO_NEW') tooNew = error;
      continue; // not whole yet, or not ours: not this code's offer
    }
    if (!opened) continue;
    const offer = offerSchema.safeParse(opened.body);
    if (!offer.success || offer.data.offeredBy.id !== file.device) continue;
    if (nowMs > Date.parse(offer.data.expiresAt)) {
      throw new AuthdeskError(
        'SYNC_PAIRING_EXPIRED',
        `The pairing code expired at ${offer.data.expiresAt}.`,
      );
    }
    if (newestEpoch(offer.data.keys) < (await newestRotationEpoch(folder, listing))) {
      // Offered by a device that missed (or was left out of) a later key: joining with it would
      // only find this computer removed. The offering device shows a new code once it has the key.
      throw new AuthdeskError(
        'SYNC_PAIRING_EXPIRED',
        'The pairing offer holds keys from before a device was removed.',
      );
    }
    return { keys: offer.data.keys, offeredBy: file.device };
  }
  if (tooNew) throw tooNew;
  throw new AuthdeskError(
    'SYNC_PAIRING_WRONG',
    offers.length === 0
      ? 'No device of this folder offers pairing now.'
      : 'No pairing offer in this folder opens with that code.',
  );
}

/** The pairing code as a QR code (SVG text), carrying `authdesk-pair:<code>`. */
export async function pairingQrSvg(code: string): Promise<string> {
  const plain = normalisePairingCode(code);
  if (plain === null) throw new AuthdeskError('INVALID_ARGUMENT', 'That is not a pairing code.');
  return QRCode.toString(`authdesk-pair:${plain}`, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
  });
}
