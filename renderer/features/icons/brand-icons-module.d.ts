// The modules config/brand-icons-plugin.ts builds from simple-icons at build time.
declare module 'virtual:brand-icons' {
  /** [slug, title, hex, ...other names] per brand (shared/brand-icons/catalogue.ts CompactRow). */
  export const rows: [string, string, string, ...string[]][];
  /** One loader per bucket (catalogue.ts bucketOf): slug → SVG path data. */
  export const buckets: (() => Promise<{ default: Record<string, string> }>)[];
}
