import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { operatorCaller } from '../modules/accounts/index.js';
import { importDocuments, parseJsonLines, parseMarkdownDocument, type ImportedDocument } from '../modules/publishing/index.js';
import { CliError, withDb, type CliCommand } from './command.js';

const USAGE = 'usage: gongkai import PATH… --org ORGCODE [--category CODE] [--publish]';

function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** The importable files under a path: Markdown and JSON Lines, in a stable order. */
function documentFiles(p: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new CliError(`cannot read ${p}`);
  }
  if (stat.isFile()) return [p];
  return fs
    .readdirSync(p, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|jsonl)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The documents of the files, and what could not be read as one. */
function readDocuments(files: string[]): { documents: ImportedDocument[]; problems: string[] } {
  const documents: ImportedDocument[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.md')) {
      const result = parseMarkdownDocument(text, file);
      if (result.ok) documents.push(result.document);
      else problems.push(result.error);
    } else {
      const result = parseJsonLines(text, file);
      documents.push(...result.documents);
      problems.push(...result.errors.map((e) => `${file}:${e.line}${e.field ? ` ${e.field}` : ''}: ${e.message}`));
    }
  }
  return { documents, problems };
}

/** `import`: Markdown (the laws corpus format) and JSON Lines into an agency's catalog, published with --publish. */
export const importCommand: CliCommand = {
  name: 'import',
  usage: ['import PATH… --org ORGCODE [--category CODE] [--publish]   import Markdown (laws corpus format) and JSON Lines'],
  run: async (config, args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { org: { type: 'string' }, category: { type: 'string' }, publish: { type: 'boolean' } },
    });
    if (!values.org || positionals.length === 0) throw new CliError(USAGE);
    const files = positionals.flatMap((p) => documentFiles(p));
    if (files.length === 0) throw new CliError('no .md or .jsonl files found');
    const { documents, problems } = readDocuments(files);
    await withDb(config, async (ctx) => {
      const tty = process.stderr.isTTY;
      const started = Date.now();
      const outcome = await importDocuments(operatorCaller(ctx), documents, {
        orgCode: values.org!,
        category: values.category ?? null,
        publish: Boolean(values.publish),
        onProgress: (done, total) => {
          if (tty) process.stderr.write(`\r${progressBar(done, total)} ${done}/${total}`);
        },
      });
      if (tty) process.stderr.write('\n');
      for (const p of [...problems, ...outcome.errors.map((e) => `${e.source}: ${e.message}`)].slice(0, 20)) console.error(`skipped ${p}`);
      const seconds = (Date.now() - started) / 1000;
      console.log(`imported ${outcome.imported}, skipped ${outcome.skipped + outcome.errors.length + problems.length}`);
      if (tty) console.error(`${(outcome.imported / Math.max(seconds, 0.001)).toFixed(0)} documents/s`);
    });
  },
};
