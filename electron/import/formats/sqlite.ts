// SQLite databases of other apps (Google Authenticator's `databases`, Microsoft Authenticator's
// `PhoneFactor`): told apart by the schema text the file holds, then read with sql.js (SQLite compiled to
// WebAssembly, loaded only when such a file is read, its .wasm read from the installed package file).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SqlJsStatic } from 'sql.js';
import { AuthdeskError } from '../../../shared/errors';
import type { ImportFormatId } from '../../../shared/transfer';
import { outsideAsar } from '../../qr/outside-asar';
import { corruptFile } from './opened-file';

/** "SQLite format 3\0", the first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** The fixed database header; page 1 (the schema) follows it. */
const HEADER_BYTES = 100;
/** A CREATE TABLE statement longer than this is not one of the apps' (Microsoft's is ~1.5 kB). */
const MAX_SCHEMA_CHARS = 16_384;

export function isSqlite(bytes: Uint8Array): boolean {
  return bytes.length >= SQLITE_HEADER.length && SQLITE_HEADER.every((b, i) => bytes[i] === b);
}

/** Splits a column list at the commas outside parentheses and quotes. */
function splitColumns(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '[') quote = ']';
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

const CONSTRAINTS = /^(constraint|primary|unique|check|foreign)\b/i;

/**
 * The column names of the `accounts` table, read from the CREATE TABLE text the file's schema keeps
 * (SQLite stores the statement as the app wrote it, and rewrites it on ALTER TABLE … ADD COLUMN);
 * null when the file holds no such statement. Cheap and synchronous: a scan of the bytes, no SQLite.
 * It only chooses the reader; the reader checks the real table with SQLite.
 */
export function accountsColumns(bytes: Uint8Array): Set<string> | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'latin1',
    HEADER_BYTES,
  );
  const statement = /CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`[]?accounts["`\]]?\s*\(/gi;
  for (let match = statement.exec(text); match !== null; match = statement.exec(text)) {
    const start = match.index + match[0].length;
    const rest = text.slice(start, start + MAX_SCHEMA_CHARS);
    // The body ends at the parenthesis that closes the one the match ended with.
    let depth = 1;
    let end = -1;
    for (let i = 0; i < rest.length && end < 0; i++) {
      if (rest[i] === '(') depth++;
      else if (rest[i] === ')' && --depth === 0) end = i;
    }
    if (end < 0) continue;
    const columns = new Set<string>();
    for (const part of splitColumns(rest.slice(0, end))) {
      const definition = part.trim();
      if (definition === '' || CONSTRAINTS.test(definition)) continue;
      const name = /^["`[]?([A-Za-z_][A-Za-z0-9_]*)/.exec(definition)?.[1];
      if (name !== undefined) columns.add(name.toLowerCase());
    }
    if (columns.size > 0) return columns;
  }
  return null;
}

let loading: Promise<SqlJsStatic> | undefined;

/** sql.js's .wasm as its package exports it; in a packaged app, from app.asar.unpacked. */
export function sqlJsWasmFile(moduleUrl: string): string {
  return outsideAsar(createRequire(outsideAsar(moduleUrl)).resolve('sql.js/dist/sql-wasm.wasm'));
}

/** Instantiates sql.js once, on the first SQLite file read (never at start-up). */
function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const { default: initSqlJs } = await import('sql.js');
    const bytes = readFileSync(sqlJsWasmFile(import.meta.url));
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return initSqlJs({ wasmBinary });
  })().catch((error: unknown) => {
    loading = undefined;
    throw new AuthdeskError(
      'INTERNAL_ERROR',
      `The SQLite reader could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  return loading;
}

export type SqlRow = Record<string, number | string | Uint8Array | null>;

/**
 * Every row of the `accounts` table, checked to hold `required` columns. The file is opened as a
 * copy in memory, marked as a rollback-journal database: one copied in WAL mode (as both apps run)
 * would otherwise look for its -wal file. FILE_CORRUPT when SQLite finds the file damaged.
 */
export async function readAccountsTable(
  bytes: Uint8Array,
  format: ImportFormatId,
  required: readonly string[],
): Promise<SqlRow[]> {
  const SQL = await loadSqlJs();
  const copy = new Uint8Array(bytes);
  if (copy.length > 19) {
    // Offsets 18 and 19: the file format write and read versions, 2 for WAL, 1 for legacy.
    copy[18] = 1;
    copy[19] = 1;
  }
  let db: InstanceType<SqlJsStatic['Database']> | undefined;
  try {
    db = new SQL.Database(copy);
    const columns = new Set(
      (db.exec('PRAGMA table_info(accounts)')[0]?.values ?? []).map((row) =>
        String(row[1]).toLowerCase(),
      ),
    );
    const missing = required.filter((column) => !columns.has(column));
    if (missing.length > 0) {
      throw corruptFile(format, `its accounts table has no ${missing.join(', ')} column`);
    }
    const rows: SqlRow[] = [];
    const statement = db.prepare('SELECT * FROM accounts ORDER BY rowid');
    try {
      while (statement.step()) {
        // Keys in lower case, as the columns were checked (SQLite's names are case-insensitive).
        const row = statement.getAsObject();
        rows.push(Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v])));
      }
    } finally {
      statement.free();
    }
    return rows;
  } catch (error) {
    if (error instanceof AuthdeskError) throw error;
    throw corruptFile(
      format,
      `SQLite reports it damaged (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    db?.close();
  }
}
