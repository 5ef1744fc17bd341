// A QR code drawn from its modules as one SVG path: black on white, 4-module quiet zone, in any theme.
import { useMemo, type CSSProperties } from 'react';
import type { QrMatrix } from '../../../shared/transfer';

/** The white margin scanners need around the code, in modules (ISO/IEC 18004). */
const QUIET_MODULES = 4;

/** One subpath per run of dark modules in a row: far fewer commands than one square per module. */
function qrPath({ size, modules }: QrMatrix): string {
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (modules[y * size + x] !== '1') {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules[y * size + x] === '1') x++;
      const run = x - start;
      parts.push(`M${start + QUIET_MODULES} ${y + QUIET_MODULES}h${run}v1h-${run}z`);
    }
  }
  return parts.join('');
}

interface QrCodeProps {
  qr: QrMatrix;
  /** What the code holds, in words, for screen readers ("QR code for GitHub (alice)"). */
  label: string;
}

/**
 * The colours are fixed, not theme tokens: phone scanners expect dark modules on a light ground.
 * The stylesheet sizes the code to its container, in whole pixels per module (--qr-modules).
 */
export function QrCode({ qr, label }: QrCodeProps) {
  const total = qr.size + 2 * QUIET_MODULES;
  const path = useMemo(() => qrPath(qr), [qr]);
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${total} ${total}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      style={{ '--qr-modules': total } as CSSProperties}
      data-qr
    >
      <rect width={total} height={total} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
