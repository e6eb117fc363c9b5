// The parse-only baseline of the import benchmark: reads and parses every file under the given paths exactly as
// `gongkai import` does (same file walk, the compiled parsers from dist/server), writes nothing, and prints one
// JSON line: { files, documents, problems, readParseMs }.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const { parseJsonLines, parseMarkdownDocument } = await import(
  pathToFileURL(path.join(root, 'dist/server/modules/publishing/reference/import-format.js')).href
);

function documentFiles(p) {
  if (fs.statSync(p).isFile()) return [p];
  return fs
    .readdirSync(p, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|jsonl)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const t0 = performance.now();
const files = process.argv.slice(2).flatMap((p) => documentFiles(p));
let documents = 0;
let problems = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.md')) {
    const result = parseMarkdownDocument(text, file);
    if (result.ok) documents++;
    else problems++;
  } else {
    const result = parseJsonLines(text, file);
    documents += result.documents.length;
    problems += result.errors.length;
  }
}
const readParseMs = performance.now() - t0;
console.log(JSON.stringify({ files: files.length, documents, problems, readParseMs: Math.round(readParseMs * 10) / 10 }));
