// The ring that empties over one time step, with the seconds left inside; it turns warm near the end.
const SIZE = 30;
const STROKE = 2.75;
const RADIUS = (SIZE - STROKE) / 2;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;
export const URGENT_MS = 5000;

export function CountdownRing({
  remainingMs,
  periodMs,
  step,
}: {
  remainingMs: number;
  periodMs: number;
  /** Changes with each step, so the ring refills at once instead of animating backwards. */
  step: number;
}) {
  const fraction = Math.max(0, Math.min(1, remainingMs / periodMs));
  const seconds = Math.ceil(remainingMs / 1000);
  const urgent = remainingMs <= URGENT_MS;
  return (
    <span className={`ring${urgent ? ' ring-urgent' : ''}`} aria-hidden="true">
      <svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`}>
        <circle
          className="ring-track"
          cx={SIZE / 2}
          cy={SIZE / 2}
          r={RADIUS}
          strokeWidth={STROKE}
        />
        <circle
          key={step}
          className="ring-progress"
          cx={SIZE / 2}
          cy={SIZE / 2}
          r={RADIUS}
          strokeWidth={STROKE}
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
          transform={`rotate(-90 ${SIZE / 2} ${SIZE / 2})`}
        />
      </svg>
      <span className="ring-seconds">{seconds}</span>
    </span>
  );
}
