// A round initial for an account, tinted by a hue derived from its name so rows are easy to tell apart.

function hueOf(text: string): number {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}

export function Avatar({ name }: { name: string }) {
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?';
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ '--hue': hueOf(name.toLowerCase()) } as React.CSSProperties}
    >
      {initial}
    </span>
  );
}
