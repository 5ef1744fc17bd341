// The code part of a row: current code, the next one smaller (unless hidden), and the countdown ring
// (or HOTP counter).
import { memo } from 'react';
import type { CodeEntry } from '../../../shared/ipc';
import { useNow } from '../../ui/useNow';
import { shownCodes } from './model/code-timing';
import { CodeText } from './CodeText';
import { CountdownRing, URGENT_MS } from './CountdownRing';
import { useRowTexts } from './useRowTexts';

export function TimedCodes({
  entry,
  skewMs,
  secondsId,
  showNext = true,
}: {
  entry: CodeEntry | undefined;
  skewMs: number;
  /** The id of a hidden "N seconds left" text, for the row's aria-describedby (optional). */
  secondsId?: string;
  /** false: only the current code (Settings › List › Show the next code). */
  showNext?: boolean;
}) {
  const texts = useRowTexts();
  const now = useNow();
  if (!entry) return <PendingCodes />;
  const shown = shownCodes(entry, skewMs, now);
  const remaining = shown.remainingMs ?? 0;
  return (
    <>
      {secondsId && (
        <span id={secondsId} hidden>
          {texts.secondsLeft(Math.ceil(remaining / 1000))}
        </span>
      )}
      <Codes
        current={shown.current}
        next={showNext ? shown.next : null}
        urgent={remaining <= URGENT_MS}
      />
      <CountdownRing
        remainingMs={remaining}
        periodMs={shown.periodMs}
        step={shown.stepEndsAt ?? 0}
      />
    </>
  );
}

export function HotpCodes({ entry }: { entry: CodeEntry | undefined }) {
  return <Codes current={entry?.current ?? null} next={null} urgent={false} />;
}

function PendingCodes() {
  return <Codes current={null} next={null} urgent={false} />;
}

/** Memoised: the countdown re-renders its row part four times a second, the codes once a step. */
const Codes = memo(function Codes({
  current,
  next,
  urgent,
}: {
  current: string | null;
  next: string | null;
  urgent: boolean;
}) {
  const texts = useRowTexts();
  return (
    <span className={`row-codes${urgent ? ' row-codes-urgent' : ''}`}>
      <CodeText code={current} className="code-current" />
      {next !== null && (
        <span className="row-next">
          <span className="row-next-label">{texts.next}</span>
          <CodeText code={next} className="code-next" />
        </span>
      )}
    </span>
  );
});
