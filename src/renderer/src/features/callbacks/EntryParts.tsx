import type { ReactNode } from 'react';
import { CELL_CLIP_CHARS, ClippedText } from './ClippedText';

/** A collapsible section of the detail pane, open by default. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="cb-section" open>
      <summary>
        <h3>{title}</h3>
      </summary>
      <div className="cb-section-body">{children}</div>
    </details>
  );
}

/** Name/value pairs (query, headers, parsed fields), values clipped when long. */
export function KvTable({ rows }: { rows: [string, string][] }) {
  if (!rows.length) return <p className="field-hint">–</p>;
  return (
    <table className="cb-kv-table">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="mono">
              <ClippedText text={v} limit={CELL_CLIP_CHARS} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
