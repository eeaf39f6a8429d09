import type { ReactNode } from 'react';

/** A checkbox with its words beside it, the whole label clickable. */
export function CheckboxLabel({
  className,
  title,
  checked,
  onChange,
  children,
}: {
  className: string;
  title?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className={className} title={title}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
