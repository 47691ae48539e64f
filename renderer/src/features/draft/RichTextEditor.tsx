import { useEffect, useRef, useState } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import type { RichDoc } from '#shared/domain/draft/rich-text';

/**
 * The section editor: TipTap (ProseMirror) limited to what the consultation document can carry
 * accessibly — headings at levels 2 and 3 (the section title is level 1), paragraphs, lists,
 * tables with a header row, links, images with alt text, bold. No italics, underline or
 * strikethrough (GOV.UK style). Content is the portable JSON document, never HTML.
 */
interface Props {
  /** Changes when the document is replaced from outside (undo, redo, another section). */
  docKey: string;
  value: RichDoc;
  label: string;
  describedBy?: string;
  onChange: (doc: RichDoc) => void;
}

function ToolbarButton({
  label,
  active,
  onClick,
  disabled,
}: {
  label: string;
  active?: boolean;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className={`app-toolbar__button${active ? ' app-toolbar__button--active' : ''}`}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault() /* keep the selection in the editor */}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const [href, setHref] = useState<string>((editor.getAttributes('link')['href'] as string | undefined) ?? 'https://');
  const apply = () => {
    const h = href.trim();
    if (!h || h === 'https://') editor.chain().focus().extendMarkRange('link').unsetLink().run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: h }).run();
    onDone();
  };
  return (
    <div className="app-toolbar__form">
      <label className="govuk-label govuk-label--s" htmlFor="link-href">
        Link address
      </label>
      <div className="govuk-hint">
        Select the words to link first. Link text should say where the link goes, not “click here”.
      </div>
      <input
        id="link-href"
        className="govuk-input govuk-!-width-two-thirds"
        value={href}
        autoFocus
        onChange={(e) => setHref(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          }
          if (e.key === 'Escape') onDone();
        }}
      />{' '}
      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={apply}>
        Apply link
      </button>{' '}
      <button type="button" className="app-link-button" onClick={onDone}>
        Cancel
      </button>
    </div>
  );
}

function ImageForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [alt, setAlt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pick = (file: File | undefined) => {
    if (!file) return;
    if (!/^image\/(png|jpeg|gif)$/.test(file.type)) return setError('Choose a PNG, JPEG or GIF image.');
    if (file.size > 5 * 1024 * 1024) return setError('The image is larger than 5 MB. Use a smaller image.');
    setError(null);
    const reader = new FileReader();
    reader.onload = () => setSrc(typeof reader.result === 'string' ? reader.result : null);
    reader.readAsDataURL(file);
  };
  const insert = () => {
    if (!src) return setError('Choose an image first.');
    if (!alt.trim()) return setError('Describe the image for people who cannot see it (alt text).');
    editor.chain().focus().setImage({ src, alt: alt.trim() }).run();
    onDone();
  };
  return (
    <div className={`app-toolbar__form${error ? ' govuk-form-group--error' : ''}`}>
      {error ? (
        <p className="govuk-error-message" id="image-error">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <label className="govuk-label govuk-label--s" htmlFor="image-file">
        Image file
      </label>
      <input
        id="image-file"
        type="file"
        className="govuk-file-upload"
        accept="image/png,image/jpeg,image/gif"
        onChange={(e) => pick(e.target.files?.[0])}
      />
      <label className="govuk-label govuk-label--s govuk-!-margin-top-3" htmlFor="image-alt">
        Alt text
      </label>
      <div className="govuk-hint">
        What the image shows, for people using screen readers. Put any figures it shows in the text or a table too.
      </div>
      <input id="image-alt" className="govuk-input" value={alt} onChange={(e) => setAlt(e.target.value)} />
      <div className="govuk-button-group govuk-!-margin-top-3 govuk-!-margin-bottom-0">
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={insert}>
          Insert image
        </button>
        <button type="button" className="app-link-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function RichTextEditor({ docKey, value, label, describedBy, onChange }: Props) {
  const [form, setForm] = useState<'link' | 'image' | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const [, force] = useState(0);

  const editor = useEditor({
    // TipTap would add a <style> element, which the CSP forbids; its rules are in app.scss instead.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        italic: false,
        strike: false,
        underline: false,
        code: false,
        codeBlock: false,
        blockquote: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['http', 'https', 'mailto'],
          HTMLAttributes: { rel: 'noopener noreferrer', target: null },
        },
      }),
      Image.configure({ inline: false, allowBase64: true }),
      Table.configure({ resizable: false }),
      TableRow,
      TableHeader,
      TableCell,
    ],
    content: value,
    editorProps: {
      attributes: {
        'aria-label': label,
        role: 'textbox',
        'aria-multiline': 'true',
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        class: 'app-editor__content govuk-body',
        spellcheck: 'true',
        lang: 'en-GB',
      },
    },
    onUpdate: ({ editor: e }) => changeRef.current(e.getJSON() as RichDoc),
    onSelectionUpdate: () => force((n) => n + 1),
    onTransaction: () => force((n) => n + 1),
  });

  // Replace the content when the document changes from outside (another section, undo, redo).
  useEffect(() => {
    if (!editor) return;
    if (JSON.stringify(editor.getJSON()) !== JSON.stringify(value))
      editor.commands.setContent(value, { emitUpdate: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the key changes, not on every keystroke
  }, [editor, docKey]);

  if (!editor) return null;
  const inTable = editor.isActive('table');
  const chain = () => editor.chain().focus();
  return (
    <div className="app-editor">
      <div className="app-toolbar" role="toolbar" aria-label={`Formatting for ${label}`}>
        <ToolbarButton
          label="Heading"
          active={editor.isActive('heading', { level: 2 })}
          onClick={() => chain().toggleHeading({ level: 2 }).run()}
        />
        <ToolbarButton
          label="Subheading"
          active={editor.isActive('heading', { level: 3 })}
          onClick={() => chain().toggleHeading({ level: 3 }).run()}
        />
        <ToolbarButton label="Bold" active={editor.isActive('bold')} onClick={() => chain().toggleBold().run()} />
        <ToolbarButton
          label="Bullets"
          active={editor.isActive('bulletList')}
          onClick={() => chain().toggleBulletList().run()}
        />
        <ToolbarButton
          label="Numbered list"
          active={editor.isActive('orderedList')}
          onClick={() => chain().toggleOrderedList().run()}
        />
        <ToolbarButton
          label="Link"
          active={editor.isActive('link')}
          onClick={() => setForm(form === 'link' ? null : 'link')}
        />
        <ToolbarButton
          label="Table"
          onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
          disabled={inTable}
        />
        <ToolbarButton label="Image" onClick={() => setForm(form === 'image' ? null : 'image')} />
        {inTable ? (
          <>
            <ToolbarButton label="Add row" onClick={() => chain().addRowAfter().run()} />
            <ToolbarButton label="Add column" onClick={() => chain().addColumnAfter().run()} />
            <ToolbarButton label="Delete row" onClick={() => chain().deleteRow().run()} />
            <ToolbarButton label="Delete column" onClick={() => chain().deleteColumn().run()} />
            <ToolbarButton label="Delete table" onClick={() => chain().deleteTable().run()} />
          </>
        ) : null}
      </div>
      {form === 'link' ? <LinkForm editor={editor} onDone={() => setForm(null)} /> : null}
      {form === 'image' ? <ImageForm editor={editor} onDone={() => setForm(null)} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}
