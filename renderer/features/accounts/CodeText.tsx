// A code in readable groups (123 456), read by screen readers digit by digit.
import { groupCode, spokenCode } from './model/code-format';
import { useRowTexts } from './useRowTexts';

export function CodeText({ code, className }: { code: string | null; className?: string }) {
  const texts = useRowTexts();
  if (code === null) {
    return (
      <span className={`code code-pending ${className ?? ''}`}>
        <span aria-hidden="true">
          <span className="code-group">•••</span>
          <span className="code-group">•••</span>
        </span>
        <span className="visually-hidden">{texts.calculating}</span>
      </span>
    );
  }
  return (
    <span className={`code ${className ?? ''}`} data-code={code}>
      <span aria-hidden="true">
        {groupCode(code).map((group, i) => (
          <span key={i} className="code-group">
            {group}
          </span>
        ))}
      </span>
      <span className="visually-hidden">{spokenCode(code)}</span>
    </span>
  );
}
