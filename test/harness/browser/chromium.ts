// How tests and benchmarks start Debian's Chromium: its path, and the flags this sandboxed,
// offline machine needs (no sandbox as root, no GPU, no background network traffic).
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.AUTHDESK_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
};
