// Measures the module borders of src/ from the TypeScript syntax trees, and the API from the OpenAPI document of a
// built application. scripts/architecture-report.ts prints the figures; test/architecture/ holds them to a baseline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SRC = path.join(ROOT, 'src');

/** Every source file of src/ (tests excluded), absolute, sorted. */
export function sourceFiles(dir = SRC): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(full);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
    })
    .sort();
}

const rel = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

/** The part of src/ a file belongs to: a module's name (`publishing`), else its top folder (`http`, `shared`, …) or `root`. */
export function areaOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts[0] === 'modules') return parts[1]!;
  return parts.length > 1 ? parts[0]! : 'root';
}

export const isModuleFile = (file: string): boolean => path.relative(SRC, file).split(path.sep)[0] === 'modules';

/** A module's files that may speak HTTP (ESLint's HTTP_FACES): routes, pages, its index and descriptor. */
export function isHttpFace(file: string): boolean {
  const inModule = path.relative(SRC, file).split(path.sep).slice(2);
  const name = inModule.at(-1)!;
  return /\.(routes|pages)\.ts$/.test(name) || inModule.includes('pages') || name === 'index.ts' || name === 'module.ts';
}

export type ImportKind = 'runtime' | 'type' | 'dynamic';

export interface ImportEdge {
  file: string;
  target: string;
  /** `type`: `import type`, `export type`, or only `{ type A }` specifiers (a dependency on declarations only). */
  kind: ImportKind;
  /**
   * Whether loading `file` evaluates `target` first. Under verbatimModuleSyntax an import of `{ type A }` only
   * stays in the output as `import {} from …`: type-only for the borders, yet it still loads the module.
   */
  loads: boolean;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** `import type …`, or only `{ type A, type B }`: nothing of it exists at run time. */
function typeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x.js'` runs x
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

function typeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = path.resolve(path.dirname(from), spec).replace(/\.js$/, '.ts');
  if (fs.existsSync(target)) return target;
  if (fs.existsSync(path.join(target, 'index.ts'))) return path.join(target, 'index.ts');
  return target;
}

/** Every import of a project file by `file`: static imports and re-exports (run-time or type-only) and dynamic ones. */
export function importsOf(file: string, source = parse(file)): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const add = (spec: ts.Expression | undefined, kind: ImportKind, loads: boolean) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const target = resolve(file, spec.text);
    if (target) edges.push({ file, target, kind, loads });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, typeOnlyImport(node) ? 'type' : 'runtime', !node.importClause?.isTypeOnly);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, typeOnlyExport(node) ? 'type' : 'runtime', !node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], 'dynamic', false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, 'type', false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

export interface EdgeCount {
  runtime: number;
  type: number;
  dynamic: number;
}

export interface LayerViolation {
  rule: string;
  file: string;
  target: string;
  kind: ImportKind;
}

/** The layer rules of the infrastructure folders (eslint.config.js); type imports are allowed where ESLint allows them. */
function layerRule(edge: ImportEdge): string | null {
  const from = path.relative(SRC, edge.file).split(path.sep)[0];
  const to = path.relative(SRC, edge.target).split(path.sep)[0];
  if (from === 'shared' && to === 'modules' && edge.kind !== 'type') return 'shared → modules';
  if (from === 'shared' && to === 'http') return 'shared → http';
  if (from === 'portal' && to === 'modules' && edge.kind !== 'type') return 'portal → modules';
  if (from === 'modules' && to === 'http' && !isHttpFace(edge.file)) return 'commands, repositories, domain → http';
  return null;
}

/** An import of another module's file other than its index.ts (http/modules.ts may read the descriptors, module.ts). */
function bypassesIndex(edge: ImportEdge): boolean {
  if (!isModuleFile(edge.target) || areaOf(edge.file) === areaOf(edge.target)) return false;
  const inModule = path.relative(SRC, edge.target).split(path.sep).slice(2).join('/');
  if (inModule === 'index.ts') return false;
  return !(inModule === 'module.ts' && rel(edge.file) === 'src/http/modules.ts');
}

/** Pairs of modules that import each other, by the imports `counts` accepts. */
function mutualPairs(edges: Map<string, EdgeCount>, counts: (c: EdgeCount) => number): string[] {
  const modules = new Set(fs.readdirSync(path.join(SRC, 'modules')));
  const pairs: string[] = [];
  for (const [key, c] of edges) {
    const [a, b] = key.split(' -> ') as [string, string];
    if (a < b && modules.has(a) && modules.has(b) && counts(c) > 0) {
      const back = edges.get(`${b} -> ${a}`);
      if (back && counts(back) > 0) pairs.push(`${a} <-> ${b}`);
    }
  }
  return pairs.sort();
}

export interface RouteHandler {
  file: string;
  line: number;
  lines: number;
}

const lineOf = (source: ts.SourceFile, pos: number): number => source.getLineAndCharacterOfPosition(pos).line + 1;
const linesOf = (source: ts.SourceFile, node: ts.Node): number => lineOf(source, node.getEnd()) - lineOf(source, node.getStart(source)) + 1;

/**
 * The handlers of a routes file: the `handler` of each route spec (`route(app, ctx, {…})`, `app.route({…})`). A
 * handler that only calls a function of the same file is measured by that function.
 */
export function routeHandlers(file: string, source = parse(file)): RouteHandler[] {
  const functions = new Map<string, ts.Node>();
  for (const s of source.statements) if (ts.isFunctionDeclaration(s) && s.name) functions.set(s.name.text, s);
  const handlers: RouteHandler[] = [];
  const measure = (handler: ts.Node): ts.Node => {
    const body = ts.isArrowFunction(handler) ? handler.body : undefined;
    const call = body && ts.isCallExpression(body) ? body : body && ts.isAwaitExpression(body) && ts.isCallExpression(body.expression) ? body.expression : undefined;
    const delegate = call && ts.isIdentifier(call.expression) ? functions.get(call.expression.text) : undefined;
    return delegate ?? handler;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRoute = (ts.isIdentifier(callee) && callee.text === 'route') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'route');
      const spec = node.arguments.find(ts.isObjectLiteralExpression);
      if (isRoute && spec) {
        for (const p of spec.properties) {
          if (p.name && ts.isIdentifier(p.name) && p.name.text === 'handler') {
            const handler = ts.isPropertyAssignment(p) ? p.initializer : p;
            handlers.push({ file: rel(file), line: lineOf(source, p.getStart(source)), lines: linesOf(source, measure(handler)) });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return handlers;
}

/** Database access written in a routes file: `.kysely`, `ctx.db` (other than `ctx.db.kysely`), sql`…`. */
export function sqlUses(source: ts.SourceFile): number {
  let uses = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      if (node.name.text === 'kysely') uses++;
      else if (node.name.text === 'db' && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name.text === 'kysely')) uses++;
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') uses++;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

export interface SourceReport {
  files: number;
  moduleEdges: Record<string, EdgeCount>;
  crossAreaEdges: number;
  /** Modules importing each other at run time (static or dynamic imports). */
  mutualPairs: string[];
  /** Modules importing each other when type-only imports count too. */
  mutualPairsWithTypes: string[];
  layerViolations: LayerViolation[];
  importsBypassingIndex: string[];
  /** Files that load each other in a circle: their evaluation order depends on which is loaded first. */
  importCycles: string[][];
  filesOver400Lines: { file: string; lines: number }[];
  routeHandlers: number;
  routeHandlersOver30Lines: RouteHandler[];
  routesWithSql: { file: string; uses: number }[];
}

/** The figures of src/ that need no running application. */
export function measureSources(files = sourceFiles()): SourceReport {
  const edges = new Map<string, EdgeCount>();
  const layerViolations: LayerViolation[] = [];
  const bypass: string[] = [];
  const handlers: RouteHandler[] = [];
  const routesWithSql: { file: string; uses: number }[] = [];
  const longFiles: { file: string; lines: number }[] = [];
  for (const file of files) {
    const source = parse(file);
    for (const edge of importsOf(file, source)) {
      const from = areaOf(file);
      const to = areaOf(edge.target);
      if (from !== to) {
        const key = `${from} -> ${to}`;
        const count = edges.get(key) ?? { runtime: 0, type: 0, dynamic: 0 };
        count[edge.kind]++;
        edges.set(key, count);
      }
      const rule = layerRule(edge);
      if (rule) layerViolations.push({ rule, file: rel(file), target: rel(edge.target), kind: edge.kind });
      if (bypassesIndex(edge)) bypass.push(`${rel(file)} -> ${rel(edge.target)}`);
    }
    const lines = source.getLineAndCharacterOfPosition(source.getEnd()).line + 1;
    if (lines > 400) longFiles.push({ file: rel(file), lines });
    if (file.endsWith('.routes.ts')) {
      handlers.push(...routeHandlers(file, source));
      const uses = sqlUses(source);
      if (uses) routesWithSql.push({ file: rel(file), uses });
    }
  }
  const sorted = new Map([...edges.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return {
    files: files.length,
    moduleEdges: Object.fromEntries(sorted),
    crossAreaEdges: sorted.size,
    mutualPairs: mutualPairs(sorted, (c) => c.runtime + c.dynamic),
    mutualPairsWithTypes: mutualPairs(sorted, (c) => c.runtime + c.dynamic + c.type),
    layerViolations,
    importsBypassingIndex: bypass,
    importCycles: importCycles(files),
    filesOver400Lines: longFiles.sort((a, b) => b.lines - a.lines),
    routeHandlers: handlers.length,
    routeHandlersOver30Lines: handlers.filter((h) => h.lines > 30),
    routesWithSql,
  };
}

export interface ApiReport {
  /** Operations of /api/openapi.json. */
  apiRoutes: number;
  /** Operations whose every success answer (2xx other than 204) has a schema. */
  apiRoutesWithResponseSchema: number;
  apiRoutesWithoutResponseSchema: string[];
}

interface OpenApiOperation {
  responses?: Record<string, { content?: unknown }>;
}

/** Counts the operations of an OpenAPI document that describe what they answer. */
export function responseSchemas(document: { paths?: Record<string, Record<string, OpenApiOperation>> }): ApiReport {
  const without: string[] = [];
  let total = 0;
  for (const [url, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, op] of Object.entries(operations)) {
      total++;
      const successes = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      const described = successes.length > 0 && successes.every(([status, res]) => status === '204' || res.content !== undefined);
      if (!described) without.push(`${method.toUpperCase()} ${url}`);
    }
  }
  return { apiRoutes: total, apiRoutesWithResponseSchema: total - without.length, apiRoutesWithoutResponseSchema: without };
}

/** The API's figures from the OpenAPI document of an application built on an empty in-memory SQLite database. */
export async function measureApi(): Promise<ApiReport> {
  const [{ loadConfig }, { openDatabase }, { migrate }, { buildApp }] = await Promise.all([
    import('../../src/config.js'),
    import('../../src/db/database.js'),
    import('../../src/db/migrate.js'),
    import('../../src/http/app.js'),
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-architecture-'));
  const db = openDatabase(':memory:');
  try {
    await migrate(db);
    const config = loadConfig({ DATABASE_URL: ':memory:', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const { app } = await buildApp({ db, config, logger: false });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      return responseSchemas(res.json());
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export type ArchitectureReport = SourceReport & ApiReport;

export async function measureArchitecture(): Promise<ArchitectureReport> {
  return { ...measureSources(), ...(await measureApi()) };
}

/**
 * The files that load each other in a circle (strongly connected components of the static imports that load their
 * target, Tarjan): the only files whose evaluation order depends on which of them is loaded first.
 */
export function importCycles(files = sourceFiles()): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((e) => e.loads && e.kind !== 'dynamic').map((e) => e.target)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.map(rel).sort());
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return cycles;
}
