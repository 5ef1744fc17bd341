// gzip (RFC 1952) and DEFLATE (RFC 1951) decoding with a bound on the output, for the small
// compressed payloads of other apps' export QR codes (LastPass's lpaauth-migration://). shared/
// runs where node:zlib does not, so this is a plain decoder; it never reads past its input and
// never writes more than `maxOutput` bytes (a "zip bomb" ends as 'too-large', not as memory use).

export type InflateResult =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: 'corrupt' | 'too-large' };

class Corrupt extends Error {}
class TooLarge extends Error {}

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/** The order in which a dynamic block lists the code lengths of its code-length alphabet. */
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Tree {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function buildTree(lengths: ArrayLike<number>): Tree {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  // More codes of some length than the code space holds: not a prefix code.
  let left = 1;
  for (let len = 1; len < 16; len++) {
    left = left * 2 - counts[len]!;
    if (left < 0) throw new Corrupt();
  }
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + counts[len]!;
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (len !== 0) symbols[offsets[len]!++] = i;
  }
  return { counts, symbols };
}

const FIXED_LITERALS = buildTree(
  Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)),
);
const FIXED_DISTANCES = buildTree(new Array<number>(30).fill(5));

class Inflater {
  private pos = 0;
  private bitBuffer = 0;
  private bitCount = 0;
  private out: Uint8Array;
  private length = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly maxOutput: number,
  ) {
    this.out = new Uint8Array(Math.min(maxOutput, data.length * 4 + 1024));
  }

  /** Where the compressed data ended (the next whole byte), once run has returned. */
  get end(): number {
    return this.pos;
  }

  /** The next `n` bits (n ≤ 16), least significant first; fewer than 8 are ever left over. */
  private bits(n: number): number {
    while (this.bitCount < n) {
      if (this.pos >= this.data.length) throw new Corrupt();
      this.bitBuffer |= this.data[this.pos++]! << this.bitCount;
      this.bitCount += 8;
    }
    const value = this.bitBuffer & ((1 << n) - 1);
    this.bitBuffer >>>= n;
    this.bitCount -= n;
    return value;
  }

  private bit(): number {
    return this.bits(1);
  }

  private decode({ counts, symbols }: Tree): number {
    let sum = 0;
    let cur = 0;
    let len = 0;
    do {
      cur = 2 * cur + this.bit();
      if (++len > 15) throw new Corrupt();
      sum += counts[len]!;
      cur -= counts[len]!;
    } while (cur >= 0);
    const symbol = sum + cur;
    if (symbol < 0 || symbol >= symbols.length) throw new Corrupt();
    return symbols[symbol]!;
  }

  private push(byte: number): void {
    if (this.length === this.out.length) {
      if (this.length >= this.maxOutput) throw new TooLarge();
      const grown = new Uint8Array(Math.min(this.maxOutput, this.out.length * 2));
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.length++] = byte;
  }

  private stored(): void {
    this.bitBuffer = 0;
    this.bitCount = 0;
    if (this.pos + 4 > this.data.length) throw new Corrupt();
    const d = this.data;
    const len = d[this.pos]! | (d[this.pos + 1]! << 8);
    const nlen = d[this.pos + 2]! | (d[this.pos + 3]! << 8);
    this.pos += 4;
    if ((len ^ 0xffff) !== nlen || this.pos + len > d.length) throw new Corrupt();
    for (let i = 0; i < len; i++) this.push(d[this.pos + i]!);
    this.pos += len;
  }

  private dynamicTrees(): [Tree, Tree] {
    const hlit = this.bits(5) + 257;
    const hdist = this.bits(5) + 1;
    const hclen = this.bits(4) + 4;
    if (hlit > 286 || hdist > 30) throw new Corrupt();
    const clens = new Uint8Array(19);
    for (let i = 0; i < hclen; i++) clens[CLEN_ORDER[i]!] = this.bits(3);
    const clenTree = buildTree(clens);
    const lengths = new Uint8Array(hlit + hdist);
    let n = 0;
    while (n < hlit + hdist) {
      const sym = this.decode(clenTree);
      let repeat: number;
      let value = 0;
      if (sym < 16) {
        lengths[n++] = sym;
        continue;
      } else if (sym === 16) {
        if (n === 0) throw new Corrupt();
        value = lengths[n - 1]!;
        repeat = 3 + this.bits(2);
      } else if (sym === 17) {
        repeat = 3 + this.bits(3);
      } else {
        repeat = 11 + this.bits(7);
      }
      if (n + repeat > hlit + hdist) throw new Corrupt();
      lengths.fill(value, n, n + repeat);
      n += repeat;
    }
    if (lengths[256] === 0) throw new Corrupt();
    return [buildTree(lengths.subarray(0, hlit)), buildTree(lengths.subarray(hlit))];
  }

  private compressed(literals: Tree, distances: Tree): void {
    for (;;) {
      const sym = this.decode(literals);
      if (sym < 256) {
        this.push(sym);
        continue;
      }
      if (sym === 256) return;
      const code = sym - 257;
      if (code >= 29) throw new Corrupt();
      const length = LENGTH_BASE[code]! + this.bits(LENGTH_EXTRA[code]!);
      const dcode = this.decode(distances);
      if (dcode >= 30) throw new Corrupt();
      const distance = DIST_BASE[dcode]! + this.bits(DIST_EXTRA[dcode]!);
      if (distance > this.length) throw new Corrupt();
      for (let i = 0; i < length; i++) this.push(this.out[this.length - distance]!);
    }
  }

  run(): Uint8Array {
    let final = 0;
    while (final === 0) {
      final = this.bit();
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.compressed(FIXED_LITERALS, FIXED_DISTANCES);
      else if (type === 2) this.compressed(...this.dynamicTrees());
      else throw new Corrupt();
    }
    this.bitBuffer = 0;
    this.bitCount = 0;
    return this.out.slice(0, this.length);
  }
}

function attempt(run: () => Uint8Array): InflateResult {
  try {
    return { ok: true, bytes: run() };
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, reason: 'too-large' };
    if (error instanceof Corrupt) return { ok: false, reason: 'corrupt' };
    throw error;
  }
}

/** Raw DEFLATE data (no header) to at most `maxOutput` bytes. */
export function inflateRaw(data: Uint8Array, maxOutput: number): InflateResult {
  return attempt(() => new Inflater(data, maxOutput).run());
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const FLAG = { HCRC: 2, EXTRA: 4, NAME: 8, COMMENT: 16 } as const;

/** True when the bytes start as a gzip member does (1f 8b, DEFLATE). */
export function isGzip(data: Uint8Array): boolean {
  return data[0] === 0x1f && data[1] === 0x8b && data[2] === 8;
}

/**
 * One gzip member to at most `maxOutput` bytes; its CRC-32 and length are checked, so damaged data
 * is 'corrupt' rather than other bytes.
 */
export function gunzip(data: Uint8Array, maxOutput: number): InflateResult {
  return attempt(() => {
    if (!isGzip(data) || data.length < 18) throw new Corrupt();
    const flags = data[3]!;
    let pos = 10;
    if (flags & FLAG.EXTRA) pos += 2 + (data[pos]! | (data[pos + 1]! << 8));
    for (const flag of [FLAG.NAME, FLAG.COMMENT]) {
      if (flags & flag) {
        while (pos < data.length && data[pos] !== 0) pos++;
        pos++;
      }
    }
    if (flags & FLAG.HCRC) pos += 2;
    if (pos >= data.length) throw new Corrupt();
    const inflater = new Inflater(data.subarray(pos), maxOutput);
    const bytes = inflater.run();
    const trailer = pos + inflater.end;
    if (trailer + 8 > data.length) throw new Corrupt();
    const view = new DataView(data.buffer, data.byteOffset + trailer, 8);
    if (
      view.getUint32(0, true) !== crc32(bytes) ||
      view.getUint32(4, true) !== bytes.length >>> 0
    ) {
      throw new Corrupt();
    }
    return bytes;
  });
}
