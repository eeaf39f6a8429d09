/** A choice among a few options, each a card: its title and a line on what it means. */
export function RadioCards<T extends string>({
  name,
  options,
  value,
  onChange,
  title,
  desc,
}: {
  name: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  title: (option: T) => string;
  desc: (option: T) => string;
}) {
  return (
    <div className="radio-cards">
      {options.map((o) => (
        <label className="radio-card" key={o}>
          <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />
          <span>
            <span className="radio-card-title">{title(o)}</span>
            <span className="radio-card-desc" style={{ display: 'block' }}>
              {desc(o)}
            </span>
          </span>
        </label>
      ))}
    </div>
  );
}
