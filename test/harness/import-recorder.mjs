// `node --import ./import-recorder.mjs …` (through NODE_OPTIONS): appends every module the process
// resolves, one URL a line, to the file $AUTHDESK_RECORD_IMPORTS names. test/cli/cli-startup.test.ts
// reads it to see which packages a command loaded.
import { register } from 'node:module';

const file = process.env.AUTHDESK_RECORD_IMPORTS;
if (file) {
  const hooks = `
import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(file, result.url + '\\n');
  return result;
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file } });
}
