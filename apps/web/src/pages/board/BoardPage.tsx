// Placeholder until the page is built.
export function BoardPage() {
  return <div className="page">BoardPage</div>;
}
