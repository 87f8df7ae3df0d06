// The Factdesk wordmark.
export function Brand() {
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">
        F
      </span>
      <span className="brand-name">Factdesk</span>
    </span>
  );
}
