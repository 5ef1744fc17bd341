// XML export and preferences files (Authy's and FreeOTP's Android preferences, Battle.net's), parsed
// by fast-xml-parser into plain objects: attributes as "@_name", text as "#text", no type guessing.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isRecord } from './file-text';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Values stay text: a secret "0123" or a counter "00" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // The five predefined entities (&quot; inside Authy's JSON strings) only; a DOCTYPE is refused below.
  processEntities: true,
  htmlEntities: false,
});

/** The text starts like an XML document (after a BOM-less trim). */
export function looksLikeXml(text: string): boolean {
  return text.trimStart().startsWith('<');
}

/**
 * The document as an object, or null when it is not well-formed XML or declares a DOCTYPE (no
 * export format uses one, and its entities could expand a small file into a huge one).
 */
export function parseXml(text: string): Record<string, unknown> | null {
  if (/<!DOCTYPE/i.test(text)) return null;
  if (XMLValidator.validate(text) !== true) return null;
  try {
    const value: unknown = parser.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/** An element that may occur once (an object) or several times (a list) as a list. */
export function xmlList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** The text of an element: "" for an empty one, its "#text" when it also has attributes. */
export function xmlText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value)) return typeof value['#text'] === 'string' ? value['#text'] : '';
  return undefined;
}
