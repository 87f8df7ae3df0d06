// A row of toggle chips, one pressed: the claim panel's quick filters, the queue's due-date
// views, the dashboard's periods. A count beside a label is optional.
export interface Chip<V extends string> {
  value: V;
  label: string;
  count?: number;
}

export function FilterChips<V extends string>({
  legend,
  chips,
  pressed,
  onPick,
  className = '',
}: {
  /** Read by screen readers only: what the chips choose ("Show", "Period"). */
  legend: string;
  chips: readonly Chip<V>[];
  pressed: V | undefined;
  onPick(value: V): void;
  className?: string;
}) {
  return (
    <fieldset className={`filter-chips ${className}`.trim()}>
      <legend className="visually-hidden">{legend}</legend>
      {chips.map((chip) => (
        <button
          key={chip.value}
          type="button"
          className="filter-chip"
          aria-pressed={pressed === chip.value}
          onClick={() => onPick(chip.value)}
        >
          {chip.label}
          {chip.count !== undefined && (
            <>
              {' '}
              <span className="filter-count">{chip.count}</span>
            </>
          )}
        </button>
      ))}
    </fieldset>
  );
}
