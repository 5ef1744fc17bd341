// The messages QrDecoder and its worker thread exchange.
import type { ErrorInfo } from '../../shared/errors';
import type { QrCode, RgbaImage } from './decode';

export type QrJob =
  { id: number; kind: 'bytes'; bytes: Uint8Array } | { id: number; kind: 'rgba'; image: RgbaImage };

export type QrReply =
  { id: number; ok: true; codes: QrCode[] } | { id: number; ok: false; error: ErrorInfo };
