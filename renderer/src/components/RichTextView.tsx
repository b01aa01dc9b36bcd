// Rich text shown, not edited: the Markdown subset as paragraphs, lists and tables (history and conflicts show it this way).

import { Fragment } from 'react';
import {
  parseRichText,
  type RichInline,
  type RichList,
  type RichTable,
} from '../../../electron/core/domain/markdown.ts';

function Inline({ content }: { content: readonly RichInline[] }) {
  return (
    <>
      {content.map((run, index) => {
        if (run.kind === 'break') return <br key={index} />;
        let node = <>{run.text}</>;
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        return <Fragment key={index}>{node}</Fragment>;
      })}
    </>
  );
}

function List({ list }: { list: RichList }) {
  const Tag = list.ordered ? 'ol' : 'ul';
  return (
    <Tag>
      {list.items.map((item, index) => (
        <li key={index}>
          <Inline content={item.content} />
          {item.children.map((child, childIndex) => (
            <List key={childIndex} list={child} />
          ))}
        </li>
      ))}
    </Tag>
  );
}

/** A table as the form prints it: the header row's cells are column headers. */
function Table({ table }: { table: RichTable }) {
  return (
    <table className="rich-table">
      <thead>
        <tr>
          {table.header.map((cell, index) => (
            <th key={index} scope="col">
              <Inline content={cell} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, rowIndex) => (
          <tr key={rowIndex}>
            {row.map((cell, index) => (
              <td key={index}>
                <Inline content={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RichTextView({ markdown }: { markdown: string }) {
  const blocks = parseRichText(markdown);
  if (blocks.length === 0) return <p className="muted">Empty</p>;
  return (
    <div className="rich-view">
      {blocks.map((block, index) =>
        block.kind === 'list' ? (
          <List key={index} list={block} />
        ) : block.kind === 'table' ? (
          <Table key={index} table={block} />
        ) : (
          <p key={index}>
            <Inline content={block.content} />
          </p>
        ),
      )}
    </div>
  );
}
