// The typing engine (electron/system/typist.ts) in a plain Node process of its own, driven by
// test/harness/x11.ts: one JSON request a line on stdin, one JSON reply a line on stdout.
import { createInterface } from 'node:readline';
import { systemTypist } from '../../electron/system/typist';

const typist = systemTypist();
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line) as { op: 'availability' } | { op: 'type'; text: string };
  try {
    if (request.op === 'availability') {
      console.log(JSON.stringify({ availability: await typist.availability() }));
    } else {
      const startedAt = Date.now();
      await typist.type(request.text);
      console.log(JSON.stringify({ startedAt }));
    }
  } catch (error) {
    console.log(JSON.stringify({ error: String(error) }));
  }
}
