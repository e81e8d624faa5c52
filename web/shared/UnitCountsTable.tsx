/** The per-unit counts of a draw (seats, applicants, admitted, waitlist), as the console and the ceremony screen show them. */

export interface UnitCounts {
  id: string;
  name: string;
  seats: number;
  applicants: number;
  admitted: number;
  waitlist: number;
}

export interface UnitCountsLabels {
  units: string;
  seats: string;
  applicants: string;
  admitted: string;
  waitlist: string;
}

export function UnitCountsTable({ rows, t, className }: { rows: readonly UnitCounts[]; t: UnitCountsLabels; className?: string }) {
  return (
    <table className={className}>
      <thead>
        <tr>
          <th>{t.units}</th>
          <th className="num">{t.seats}</th>
          <th className="num">{t.applicants}</th>
          <th className="num">{t.admitted}</th>
          <th className="num">{t.waitlist}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => (
          <tr key={u.id}>
            <td>{u.name}</td>
            <td className="num">{u.seats}</td>
            <td className="num">{u.applicants}</td>
            <td className="num">{u.admitted}</td>
            <td className="num">{u.waitlist}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
