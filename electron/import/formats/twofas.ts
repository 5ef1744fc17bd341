// 2FAS Authenticator backups (.2fas): services as JSON, or encrypted with a password (PBKDF2-SHA256, AES-GCM).
//
// Read from 2fas-android (BackupContent, BackupService, BackupCipherImpl, BackupKeyGeneratorPbkdf)
// and checked against Aegis' TwoFASImporter and its sample files (schema versions 1–4):
// - servicesEncrypted = base64(ciphertext ‖ 16-byte tag) ":" base64(salt) ":" base64(iv); the key is
//   PBKDF2-HMAC-SHA256(password, salt, 10 000 iterations, 256 bits). 2fas-android makes a 256-byte
//   salt and a 12-byte IV; a third-party writer uses a 32-byte salt, so any salt length is taken.
// - `reference` is a fixed text encrypted the same way (same salt, its own IV) so that the password
//   can be checked on its own. The sources disagree on what marks a file as encrypted: 2fas-android
//   tests `reference`, Aegis tests `servicesEncrypted`. The services cannot be read without the
//   latter, so that is the test here; `reference`, when present, tells a wrong password from a
//   damaged file.
// - Aegis splits servicesEncrypted on ':' and ignores parts after the third; base64 has no ':', so
//   more than three parts are taken here as damage.
// - Aegis reads every service as TOTP; 2fas-android writes otp.tokenType TOTP, HOTP or STEAM and
//   otp.counter for HOTP, which are honoured here.
import type { Found } from '../found';
import { namedBrand, type SourceIcon } from '../import-icons';
import { groupNames, otpTypeOf, readEntryList } from './entries';
import { base64Bytes, GCM_NONCE_BYTES, GCM_TAG_BYTES, openGcm, pbkdf2Key } from './file-crypto';
import { decryptedJson, isRecord } from './file-text';
import {
  corruptFile,
  passwordCandidates,
  requirePassword,
  wrongPassword,
  type OpenedFile,
} from './opened-file';

const ITERATIONS = 10_000;
const MAX_SALT_BYTES = 1024;

const corrupt = (why: string) => corruptFile('2fas', why);

interface Sealed {
  ciphertext: Buffer;
  tag: Buffer;
  salt: Buffer;
  iv: Buffer;
}

/** A 2FAS file: encrypted services, or a services list next to the schema version (or a .2fas name). */
export function looksLikeTwofas(value: Record<string, unknown>, name: string): boolean {
  return (
    'servicesEncrypted' in value ||
    ('services' in value && ('schemaVersion' in value || 'appVersionCode' in value)) ||
    /\.2fas$/i.test(name)
  );
}

function sealed(value: unknown, field: string): Sealed {
  const parts = typeof value === 'string' ? value.split(':') : [];
  if (parts.length !== 3) throw corrupt(`its "${field}" is not three base64 parts`);
  const [data, salt, iv] = parts.map(base64Bytes);
  if (!data || data.length < GCM_TAG_BYTES || !salt || !iv) {
    throw corrupt(`its "${field}" is not valid base64`);
  }
  if (salt.length === 0 || salt.length > MAX_SALT_BYTES || iv.length !== GCM_NONCE_BYTES) {
    throw corrupt(`the salt or IV of its "${field}" has the wrong length`);
  }
  const cut = data.length - GCM_TAG_BYTES;
  return { ciphertext: data.subarray(0, cut), tag: data.subarray(cut), salt, iv };
}

const nonEmpty = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const otpOf = (service: Record<string, unknown>) => (isRecord(service.otp) ? service.otp : {});

/**
 * 2FAS's icon object: {selected: "Label" | "IconCollection", label: {text, backgroundColor},
 * iconCollection: {id}}. An icon of its collection is named only by an id of 2FAS's, so the
 * service's name says which brand it is, when it names one of ours. Its label (two letters on a
 * colour) is also what 2FAS shows for a service its collection does not know, so it is no choice of
 * the letter: that account, like one whose name is no brand of ours, is matched automatically.
 */
function twofasIcon(service: Record<string, unknown>): SourceIcon | undefined {
  const icon = isRecord(service.icon) ? service.icon : {};
  if (typeof icon.selected !== 'string' || icon.selected.toLowerCase() !== 'iconcollection') {
    return undefined;
  }
  return namedBrand(nonEmpty(service.name) ?? otpOf(service).issuer);
}

function readServices(services: unknown[], groups: Map<string, string>, source: string): Found {
  return readEntryList(services, source, {
    names(service) {
      const otp = otpOf(service);
      return {
        // `name` is what 2FAS shows (the user may have renamed it); otp.issuer is the setup link's.
        issuer: nonEmpty(service.name) ?? otp.issuer,
        // 2fas-android writes the account name to both otp.account and otp.label.
        label: nonEmpty(otp.account) ?? otp.label,
      };
    },
    icon: twofasIcon,
    fields(service) {
      const otp = otpOf(service);
      return {
        type: otpTypeOf(otp.tokenType ?? 'TOTP'),
        secret: service.secret,
        algorithm: otp.algorithm,
        digits: otp.digits,
        period: otp.period,
        counter: otp.counter,
        tags: typeof service.groupId === 'string' ? [groups.get(service.groupId)] : [],
      };
    },
  });
}

/** At most two PBKDF2 runs (two salts) per password candidate, at the format's fixed cost. */
async function decryptServices(
  services: Sealed,
  reference: Sealed | null,
  password: string | undefined,
  signal: AbortSignal | undefined,
): Promise<unknown[]> {
  for (const candidate of passwordCandidates(requirePassword('2fas', password))) {
    const keys = new Map<string, Promise<Buffer>>();
    const keyFor = (salt: Buffer) => {
      const id = salt.toString('base64');
      const known = keys.get(id);
      if (known) return known;
      const key = pbkdf2Key(candidate, salt, ITERATIONS, 'sha256', signal);
      keys.set(id, key);
      return key;
    };
    if (reference) {
      const key = await keyFor(reference.salt);
      if (openGcm(key, reference.iv, reference.ciphertext, reference.tag) === null) continue;
    }
    const key = await keyFor(services.salt);
    const plain = openGcm(key, services.iv, services.ciphertext, services.tag);
    if (plain === null) {
      if (reference) throw corrupt('its encrypted services fail their integrity check');
      continue;
    }
    const parsed = decryptedJson(plain);
    if (!Array.isArray(parsed?.value)) throw corrupt('its decrypted services are not a JSON list');
    return parsed.value as unknown[];
  }
  throw wrongPassword('2fas');
}

/** Checks the file's shape (and the encrypted fields' encoding) without deriving a key. */
export function openTwofas(file: Record<string, unknown>, source: string): OpenedFile {
  const groups = groupNames(file.groups, 'id');
  const encrypted = file.servicesEncrypted;
  if (encrypted !== undefined && encrypted !== null) {
    const services = sealed(encrypted, 'servicesEncrypted');
    const reference =
      typeof file.reference === 'string' && file.reference !== ''
        ? sealed(file.reference, 'reference')
        : null;
    return {
      format: '2fas',
      encrypted: true,
      read: async (password, signal) =>
        readServices(await decryptServices(services, reference, password, signal), groups, source),
    };
  }
  if (!Array.isArray(file.services)) throw corrupt('it has no list of services');
  const services = file.services as unknown[];
  return {
    format: '2fas',
    encrypted: false,
    read: async () => readServices(services, groups, source),
  };
}
