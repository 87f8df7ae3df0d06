// Placeholder until the page is built.
export function DocumentPage() {
  return <div className="page">DocumentPage</div>;
}
