// Vite inlines a `?inline` import as a data: URL, so the tray icons travel inside main.js and need no
// path in the packaged app.
declare module '*.png?inline' {
  const dataUrl: string;
  export default dataUrl;
}
