// The tick box above a list that ticks or clears all of it, half-ticked while only some are chosen.
import { useEffect, useRef } from 'react';

interface SelectAllCheckboxProps {
  /** How many of the list's items are ticked. */
  chosen: number;
  total: number;
  onChange: (on: boolean) => void;
}

export function SelectAllCheckbox({ chosen, total, onChange }: SelectAllCheckboxProps) {
  const box = useRef<HTMLInputElement>(null);
  // indeterminate is a DOM property only, with no attribute React could render.
  useEffect(() => {
    if (box.current) box.current.indeterminate = chosen > 0 && chosen < total;
  }, [chosen, total]);
  return (
    <input
      ref={box}
      type="checkbox"
      checked={chosen === total}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
