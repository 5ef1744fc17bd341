// Page-side helpers for the import tests: files dropped or pasted as the browser delivers them (a
// DataTransfer built in the page from real bytes), and the QR images they carry.
import type { Page } from '@playwright/test';

export interface PageFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export const png = (name: string, bytes: Uint8Array): PageFile => ({
  name,
  type: 'image/png',
  bytes,
});

// Runs in the page; written as text because the test code is compiled without the DOM library.
const EVENTS = `
  ({ files, text, events, kind }) => {
    const data = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], f.name, { type: f.type }));
    }
    if (text !== null) data.setData('text/plain', text);
    const target = document.activeElement || document.body;
    for (const name of events) {
      const init = { bubbles: true, cancelable: true, composed: true };
      const event = kind === 'drag'
        ? new DragEvent(name, { ...init, dataTransfer: data })
        : new ClipboardEvent(name, { ...init, clipboardData: data });
      (kind === 'drag' ? document.body : target).dispatchEvent(event);
    }
  }`;

async function fire(
  page: Page,
  kind: 'drag' | 'clipboard',
  events: string[],
  files: PageFile[],
  text: string | null = null,
): Promise<void> {
  const args = {
    files: files.map((f) => ({
      name: f.name,
      type: f.type,
      base64: Buffer.from(f.bytes).toString('base64'),
    })),
    text,
    events,
    kind,
  };
  await page.evaluate(`(${EVENTS})(${JSON.stringify(args)})`);
}

/** Files dragged over the window (the overlay shows) without being dropped yet. */
export const dragOver = (page: Page, files: PageFile[]) =>
  fire(page, 'drag', ['dragenter', 'dragover'], files);

export const dropFiles = (page: Page, files: PageFile[]) =>
  fire(page, 'drag', ['dragenter', 'dragover', 'drop'], files);

/** Ctrl/Cmd+V where the focus is: the paste event with what the clipboard held. */
export const pasteFiles = (page: Page, files: PageFile[]) =>
  fire(page, 'clipboard', ['paste'], files);
export const pasteText = (page: Page, text: string) => fire(page, 'clipboard', ['paste'], [], text);
