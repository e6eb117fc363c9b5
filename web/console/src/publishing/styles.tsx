/**
 * Styles of the publishing screens that Ant Design does not give: the body as it will read (tables with rules,
 * headings), diff marks, and the print view of the review record (only the record is printed).
 */
const CSS = `
.gk-rich table { border-collapse: collapse; margin: 8px 0; }
.gk-rich th, .gk-rich td { border: 1px solid #8c8c8c; padding: 4px 8px; min-width: 48px; }
.gk-rich th { background: #fafafa; }
.gk-rich h1, .gk-rich h2, .gk-rich h3, .gk-rich h4 { margin: 12px 0 8px; }
.gk-rich p { margin: 0 0 8px; }
.gk-body-editor:focus { box-shadow: inset 0 0 0 2px #0958d9; }
.gk-diff { white-space: pre-wrap; line-height: 1.9; margin: 0; padding: 0; list-style: none; }
.gk-diff li { padding: 0 6px; }
.gk-diff ins, .gk-diff .gk-add { background: #d9f7be; color: #092b00; text-decoration: underline; }
.gk-diff del, .gk-diff .gk-del { background: #ffd8d6; color: #5c0011; text-decoration: line-through; }
@media print {
  body * { visibility: hidden; }
  .gk-print-area, .gk-print-area * { visibility: visible; }
  .gk-print-area { position: absolute; left: 0; top: 0; width: 100%; }
  .gk-no-print { display: none !important; }
}
`;

export function PublishingStyles() {
  return <style>{CSS}</style>;
}
