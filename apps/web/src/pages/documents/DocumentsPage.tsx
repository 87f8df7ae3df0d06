// Placeholder until the page is built.
export function DocumentsPage() {
  return <div className="page">DocumentsPage</div>;
}
