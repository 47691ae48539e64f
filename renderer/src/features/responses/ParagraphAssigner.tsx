import { orderedQuestions, questionNumbers, type Draft } from '#shared/domain/draft/model';
import { GENERAL_COMMENTS_ID } from '#shared/domain/responses/store';
import { Table, Row, Cell } from '../../components/Table';

/**
 * An email's or letter's text, paragraph by paragraph, each assigned by the official to a question,
 * to general comments, or left out (a greeting, a signature). The whole text is kept with the
 * response whatever is chosen here.
 */
export const LEAVE_OUT = '';

export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function assignmentsOf(paragraphs: string[], targets: string[]): { questionId: string; text: string }[] {
  return paragraphs.flatMap((p, i) => (targets[i] ? [{ questionId: targets[i]!, text: p }] : []));
}

export function ParagraphAssigner({
  idPrefix,
  paragraphs,
  targets,
  draft,
  onChange,
}: {
  idPrefix: string;
  paragraphs: string[];
  targets: string[];
  draft: Draft | null;
  onChange: (targets: string[]) => void;
}) {
  const nums = draft ? questionNumbers(draft) : new Map<string, string>();
  const questions = draft ? orderedQuestions(draft) : [];
  return (
    <Table
      className="app-assign"
      caption="Assign each paragraph to a question, to general comments, or leave it out"
      columns={[{ label: 'Paragraph' }, { label: 'Assign to', className: 'app-assign__target' }]}
    >
      {paragraphs.map((p, i) => (
        <Row key={i}>
          <Cell className="app-pre">{p}</Cell>
          <Cell>
            <label className="govuk-visually-hidden" htmlFor={`${idPrefix}-${i}`}>
              Assign paragraph {i + 1} to
            </label>
            <select
              id={`${idPrefix}-${i}`}
              className="govuk-select app-assign__select"
              value={targets[i] ?? GENERAL_COMMENTS_ID}
              onChange={(e) => {
                const next = [...targets];
                next[i] = e.target.value;
                onChange(next);
              }}
            >
              <option value={GENERAL_COMMENTS_ID}>General comments</option>
              <option value={LEAVE_OUT}>Leave out (greeting, signature)</option>
              {questions.map((q) => (
                <option key={q.id} value={q.id}>
                  Question {nums.get(q.id)}: {q.text.length > 70 ? `${q.text.slice(0, 67)}…` : q.text}
                </option>
              ))}
            </select>
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
