import { Button, Input, Space, Tabs } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  id?: string;
  /** Accessible name of the editing area. */
  label: string;
}

/** `text` is the button's visible (and accessible) name; `label` documents the command. */
type Command = { key: string; label: string; text: ReactNode; run: () => void };

/**
 * The body editor: a contentEditable area with a small toolbar (document.execCommand) for headings, paragraphs,
 * bold, italic, lists, links and tables, and the HTML source for fine edits. Pasting from Word keeps headings,
 * lists and tables; Word's own markup (styles, classes, <o:p>) is dropped here and the server sanitises the rest.
 */
export function RichTextEditor({ value = '', onChange, id, label }: Props) {
  const area = useRef<HTMLDivElement>(null);
  // The HTML this editor last reported: a value that differs came from outside (import, source tab, reset).
  const last = useRef<string | null>(null);
  const [tab, setTab] = useState('visual');

  useEffect(() => {
    const el = area.current;
    if (el && value !== last.current && el.innerHTML !== value) {
      el.innerHTML = value;
      last.current = value;
    }
  }, [value, tab]);

  const emit = () => {
    const html = area.current?.innerHTML ?? '';
    last.current = html;
    onChange?.(html);
  };

  const exec = (command: string, arg?: string) => {
    area.current?.focus();
    document.execCommand(command, false, arg);
    emit();
  };

  const commands: Command[] = [
    { key: 'h2', label: '二级标题', text: '二级标题', run: () => exec('formatBlock', 'h2') },
    { key: 'h3', label: '三级标题', text: '三级标题', run: () => exec('formatBlock', 'h3') },
    { key: 'p', label: '正文段落', text: '正文段落', run: () => exec('formatBlock', 'p') },
    { key: 'bold', label: '加粗', text: <strong>加粗</strong>, run: () => exec('bold') },
    { key: 'italic', label: '斜体', text: <em>斜体</em>, run: () => exec('italic') },
    { key: 'ul', label: '项目列表', text: '项目列表', run: () => exec('insertUnorderedList') },
    { key: 'ol', label: '编号列表', text: '编号列表', run: () => exec('insertOrderedList') },
    {
      key: 'link',
      label: '插入链接',
      text: '插入链接',
      run: () => {
        const url = window.prompt('链接地址（https://…）', 'https://');
        if (url && /^(https?:\/\/|\/|mailto:)/i.test(url.trim())) exec('createLink', url.trim());
      },
    },
    { key: 'unlink', label: '取消链接', text: '取消链接', run: () => exec('unlink') },
    { key: 'table', label: '插入表格', text: '插入表格', run: () => exec('insertHTML', tableHtml(3, 3)) },
  ];

  const onPaste = (e: React.ClipboardEvent<HTMLDivElement>) => {
    const html = e.clipboardData.getData('text/html');
    if (!html) return;
    e.preventDefault();
    document.execCommand('insertHTML', false, cleanPastedHtml(html));
    emit();
  };

  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      size="small"
      items={[
        {
          key: 'visual',
          label: '可视化编辑',
          children: (
            <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
              <div role="toolbar" aria-label="正文格式" style={{ padding: 6, borderBottom: '1px solid #f0f0f0' }}>
                <Space wrap size={4}>
                  {commands.map((c) => (
                    <Button
                      key={c.key}
                      size="small"
                      // Keeps the selection in the editing area: the button never takes the focus on click.
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={c.run}
                    >
                      {c.text}
                    </Button>
                  ))}
                </Space>
              </div>
              <div
                ref={area}
                id={id}
                className="gk-body-editor gk-rich"
                role="textbox"
                aria-multiline="true"
                aria-label={label}
                contentEditable
                suppressContentEditableWarning
                tabIndex={0}
                onInput={emit}
                onBlur={emit}
                onPaste={onPaste}
                style={{ minHeight: 280, padding: '8px 12px', outline: 'none', overflowX: 'auto' }}
              />
            </div>
          ),
        },
        {
          key: 'source',
          label: 'HTML 源码',
          children: (
            <Input.TextArea
              aria-label={`${label}（HTML 源码）`}
              value={value}
              onChange={(e) => {
                last.current = null;
                onChange?.(e.target.value);
              }}
              autoSize={{ minRows: 12, maxRows: 30 }}
              style={{ fontFamily: 'monospace' }}
            />
          ),
        },
      ]}
    />
  );
}

function tableHtml(rows: number, cols: number): string {
  const head = `<tr>${Array.from({ length: cols }, (_, i) => `<th>标题${i + 1}</th>`).join('')}</tr>`;
  const body = Array.from({ length: rows - 1 }, () => `<tr>${'<td>&nbsp;</td>'.repeat(cols)}</tr>`).join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table><p><br></p>`;
}

const DROP = new Set(['STYLE', 'SCRIPT', 'META', 'LINK', 'TITLE', 'XML', 'O:P', 'IFRAME', 'OBJECT']);
const KEEP_ATTRS: Record<string, readonly string[]> = { A: ['href'], TD: ['colspan', 'rowspan'], TH: ['colspan', 'rowspan'], IMG: ['src', 'alt'] };

/** Word's clipboard HTML without its styles, classes, comments and Office-only elements; structure kept. */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.COMMENT_NODE) {
        child.remove();
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const el = child as Element;
      if (DROP.has(el.tagName) || el.tagName.includes(':')) {
        // Office-namespaced elements (o:p, v:shape…) carry nothing worth keeping but their text.
        if (el.tagName.includes(':') && !DROP.has(el.tagName)) el.replaceWith(...Array.from(el.childNodes));
        else el.remove();
        continue;
      }
      const keep = KEEP_ATTRS[el.tagName] ?? [];
      for (const attr of Array.from(el.attributes)) if (!keep.includes(attr.name.toLowerCase())) el.removeAttribute(attr.name);
      if (el.tagName === 'SPAN' || el.tagName === 'FONT') {
        walk(el);
        el.replaceWith(...Array.from(el.childNodes));
        continue;
      }
      walk(el);
    }
  };
  walk(doc.body);
  return doc.body.innerHTML;
}
