// A small indeterminate spinner for buttons and busy states; the caller provides the text.
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
