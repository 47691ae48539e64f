import { useState } from 'react';
import { TextArea } from '../../components/Fields';

/**
 * The consultation's own bank holidays, one date a line. A line that is not a real date
 * (2027-02-30, 31/05/2027) is named in an error and nothing is saved until it is put right:
 * dropping it silently would leave the official believing the date is checked against.
 */
export function BankHolidaysField({ dates, onChange }: { dates: string[]; onChange: (dates: string[]) => void }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <TextArea
      id="meta-bank-holidays"
      label="Bank holidays"
      hint="One date a line, written as year-month-day, for example 2027-05-31."
      rows={8}
      error={error}
      key={dates.join(',')}
      defaultValue={dates.join('\n')}
      onBlur={(e) => {
        const lines = e.target.value.split('\n').map((x) => x.trim());
        const wrong = lines.map((x, i) => ({ x, line: i + 1 })).filter(({ x }) => x !== '' && !realDate(x));
        if (wrong.length) {
          const first = wrong[0]!;
          return setError(
            `Line ${first.line} (“${first.x}”) is not a date written as year-month-day, for example 2027-05-31` +
              (wrong.length > 1 ? `; nor ${wrong.length - 1} more line${wrong.length > 2 ? 's' : ''}` : ''),
          );
        }
        setError(undefined);
        onChange(lines.filter((x) => x !== ''));
      }}
    />
  );
}

function realDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}
