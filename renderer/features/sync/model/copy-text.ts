// Copies a short text the window shows (a pairing code) from a click. The clipboard API needs a
// permission Electron's session refuses here (window.ts denies every check); the older copy command
// of a selection needs none within a user's click, so it is the fallback.

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(text);
  }
}

function copyBySelection(text: string): boolean {
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const field = document.createElement('textarea');
  field.value = text;
  field.readOnly = true;
  field.className = 'visually-hidden';
  // Inside an open modal dialog, the rest of the page is inert: the field goes where the focus is.
  (active?.closest('dialog') ?? document.body).append(field);
  field.select();
  let done = false;
  try {
    // Deprecated, but the only copy that needs no permission.
    done = document.execCommand('copy');
  } finally {
    field.remove();
    active?.focus();
  }
  return done;
}
