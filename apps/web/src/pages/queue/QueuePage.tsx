// Placeholder until the page is built.
export function QueuePage() {
  return <div className="page">QueuePage</div>;
}
