import type { ReactNode } from 'react';

/** A failure in words under what failed; nothing while there is none. */
export function Alert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="alert" role="alert">
      {children}
    </p>
  );
}
