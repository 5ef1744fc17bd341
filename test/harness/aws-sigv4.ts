// AWS Signature Version 4, checked on what the local AWS endpoint receives: the canonical request, the
// string to sign and the signing key as AWS's "Create a signed AWS API request" guide describes them,
// written here independently of the SDK's signer so that a wrongly signed request is really refused.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface Authorization {
  accessKeyId: string;
  /** yyyymmdd of the credential scope. */
  day: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export interface ReceivedRequest {
  method: string;
  /** The path and query as received, e.g. "/" or "/?Action=…". */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/u;

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header, or null when it is not one. */
export function parseAuthorization(header: string | undefined): Authorization | null {
  const m = header === undefined ? null : AUTH_RE.exec(header.trim());
  if (!m) return null;
  return {
    accessKeyId: m[1]!,
    day: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
  };
}

/** RFC 3986 percent-encoding, as SigV4 wants it (unreserved characters kept, upper-case hex). */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/gu,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(search: string): string {
  const pairs = [...new URLSearchParams(search)].map(
    ([k, v]) => [uriEncode(k), uriEncode(v)] as const,
  );
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/gu, ' ');
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** The signature the request should carry if it was signed with `secretAccessKey`. */
export function expectedSignature(
  request: ReceivedRequest,
  auth: Authorization,
  secretAccessKey: string,
): string {
  const url = new URL(request.url, 'http://endpoint');
  const declaredHash = headerValue(request.headers, 'x-amz-content-sha256');
  const payloadHash = declaredHash === '' ? sha256(request.body) : declaredHash;
  const canonical = [
    request.method,
    url.pathname.split('/').map(uriEncode).join('/'),
    canonicalQuery(url.search),
    ...auth.signedHeaders.map((name) => `${name}:${headerValue(request.headers, name)}`),
    '',
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${auth.day}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    headerValue(request.headers, 'x-amz-date'),
    scope,
    sha256(canonical),
  ].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, auth.day);
  for (const part of [auth.region, auth.service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/** Whether the request's signature is the one `secretAccessKey` makes (and its payload hash true). */
export function signatureMatches(
  request: ReceivedRequest,
  auth: Authorization,
  secretAccessKey: string,
): boolean {
  const declaredHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (declaredHash !== '' && declaredHash !== sha256(request.body)) return false;
  if (!auth.signedHeaders.includes('host')) return false;
  const expected = Buffer.from(expectedSignature(request, auth, secretAccessKey));
  const given = Buffer.from(auth.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** X-Amz-Date ("20261202T031500Z") as epoch ms, or null when missing or malformed. */
export function amzDateMs(headers: IncomingHttpHeaders): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/u.exec(
    headerValue(headers, 'x-amz-date'),
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}
