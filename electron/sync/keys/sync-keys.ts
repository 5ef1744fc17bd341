// The sync key and how it reaches another device: a new key and device identity; a pairing offer
// opened by a code (valid 10 minutes); a file opened by the sync password (scrypt); and the next
// key, after a device is removed, wrapped to each remaining device's public key (X25519) only.
// The use case imports from here; each part lives in its own file beside it.
export { newDeviceIdentity } from './device-identity';
export type { DeviceIdentity } from './device-identity';
export { newSyncKey } from './sync-key';
export { offerPairing, openPairing, pairingQrSvg, withdrawPairing } from './pairing';
export { openPasswordJoin, removePasswordJoin, writePasswordJoin } from './password-join';
export { readRotations, writeRotation } from './rotation';
export type { RotationsRead } from './rotation';
