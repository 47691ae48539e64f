import type { ReactNode } from 'react';
import type { Block, Inline, RichDoc } from '#shared/domain/draft/rich-text';

/**
 * Read-only rendering of a rich-text document (preview, read-only versions). Headings are
 * shifted by `headingOffset` so they sit under the page's own headings. Links are shown as links
 * but do not navigate (the app never leaves itself).
 */
function inlines(content: Inline[] | undefined): ReactNode[] {
  return (content ?? []).map((n, i) => {
    if (n.type === 'hardBreak') return <br key={i} />;
    let node: ReactNode = n.text;
    const link = n.marks?.find((m) => m.type === 'link');
    if (n.marks?.some((m) => m.type === 'bold')) node = <strong>{node}</strong>;
    if (link && link.type === 'link') {
      node = (
        <span className="govuk-link" title={link.attrs.href}>
          {node}
        </span>
      );
    }
    return <span key={i}>{node}</span>;
  });
}

function block(b: Block, key: number, offset: number): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return (
        <p className="govuk-body" key={key}>
          {inlines(b.content)}
        </p>
      );
    case 'heading': {
      const level = Math.min(6, b.attrs.level + offset);
      const H = `h${level}` as 'h2';
      return (
        <H className={b.attrs.level === 2 ? 'govuk-heading-m' : 'govuk-heading-s'} key={key}>
          {inlines(b.content)}
        </H>
      );
    }
    case 'bulletList':
      return (
        <ul className="govuk-list govuk-list--bullet" key={key}>
          {b.content.map((li, i) => (
            <li key={i}>{li.content.map((c, j) => block(c, j, offset))}</li>
          ))}
        </ul>
      );
    case 'orderedList':
      return (
        <ol className="govuk-list govuk-list--number" key={key} start={b.attrs?.start}>
          {b.content.map((li, i) => (
            <li key={i}>{li.content.map((c, j) => block(c, j, offset))}</li>
          ))}
        </ol>
      );
    case 'table': {
      const [head, ...rows] = b.content;
      return (
        <table className="govuk-table" key={key}>
          {head ? (
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {head.content.map((c, i) => (
                  <th scope="col" className="govuk-table__header" key={i}>
                    {c.content.map((x, j) => block(x, j, offset))}
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody className="govuk-table__body">
            {rows.map((r, ri) => (
              <tr className="govuk-table__row" key={ri}>
                {r.content.map((c, i) => (
                  <td className="govuk-table__cell" key={i}>
                    {c.content.map((x, j) => block(x, j, offset))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'image':
      return <img key={key} src={b.attrs.src} alt={b.attrs.alt} style={{ maxWidth: '100%' }} />;
  }
}

export function RichDocView({ doc, headingOffset = 1 }: { doc: RichDoc; headingOffset?: number }) {
  return <>{doc.content.map((b, i) => block(b, i, headingOffset))}</>;
}
