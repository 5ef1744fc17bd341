// The messages IconPictures and its worker thread exchange.
import type { ErrorInfo } from '../../shared/errors';

export type IconJob =
  /** A picture file → the PNG an icon is kept as (icon-picture.ts iconPictureFrom). */
  | { id: number; kind: 'picture'; bytes: Uint8Array }
  /** A kept icon's PNG or a brand's SVG → a size×size PNG for a menu (menuIconPng). */
  | { id: number; kind: 'menu'; png?: Uint8Array; svg?: string; size: number };

export type JobReply =
  { id: number; ok: true; png: Uint8Array } | { id: number; ok: false; error: ErrorInfo };

/** A job's answer, or `ready` once the worker has loaded (a job's time limit runs from then). */
export type IconReply = JobReply | { ready: true };
