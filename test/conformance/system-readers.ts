import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportsByFile } from './reader-report.js';

const READERS_DIR = fileURLToPath(new URL('./readers/', import.meta.url));

/** A system tool the suite needs, and the Debian package that provides it. */
export interface SystemTool {
  path: string;
  debianPackage: string;
}

/** Fails with the package to install when a tool is missing: a missing reader is a failed run, never a skip. */
export function requireTool(tool: SystemTool): string {
  if (!existsSync(tool.path)) {
    throw new Error(`${tool.path} is missing: install the Debian package ${tool.debianPackage} (apt-get install -y ${tool.debianPackage}; .ci/run does this)`);
  }
  return tool.path;
}

// Debian's python, not a pyenv shim: only /usr/bin/python3 sees python3-feedparser.
const PYTHON: SystemTool = { path: '/usr/bin/python3', debianPackage: 'python3-feedparser' };
const FEEDPARSER: SystemTool = { path: '/usr/lib/python3/dist-packages/feedparser/__init__.py', debianPackage: 'python3-feedparser' };
const PHP: SystemTool = { path: '/usr/bin/php', debianPackage: 'php-cli' };
const SIMPLEPIE: SystemTool = { path: '/usr/share/php/simplepie/autoloader.php', debianPackage: 'libphp-simplepie' };
const JAVA: SystemTool = { path: '/usr/bin/java', debianPackage: 'default-jre-headless' };
const JAVAC: SystemTool = { path: '/usr/bin/javac', debianPackage: 'default-jdk-headless' };
const ROME_JARS: SystemTool[] = [
  { path: '/usr/share/java/rome.jar', debianPackage: 'librome-java' },
  { path: '/usr/share/java/rome-utils.jar', debianPackage: 'librome-java' },
  { path: '/usr/share/java/jdom2.jar', debianPackage: 'libjdom2-java' },
  { path: '/usr/share/java/slf4j-api.jar', debianPackage: 'libslf4j-java' },
  { path: '/usr/share/java/slf4j-nop.jar', debianPackage: 'libslf4j-java' },
];

function runJson(command: string, args: string[]): ReportsByFile {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args[0]} exited ${result.status}: ${result.stderr}`);
  try {
    return JSON.parse(result.stdout) as ReportsByFile;
  } catch (error) {
    throw new Error(`${command} ${args[0]} printed no JSON: ${result.stdout.slice(0, 500)} ${result.stderr.slice(0, 500)}`, { cause: error });
  }
}

/** Python feedparser over many files in one process. */
export function readWithFeedparser(files: string[]): ReportsByFile {
  const python = requireTool(PYTHON);
  requireTool(FEEDPARSER);
  return runJson(python, [join(READERS_DIR, 'feedparser-read.py'), ...files]);
}

/** SimplePie over many files in one process. */
export function readWithSimplePie(files: string[]): ReportsByFile {
  const php = requireTool(PHP);
  const autoloader = requireTool(SIMPLEPIE);
  // SimplePie.init() silently returns false without the xml extension; say which package instead.
  const modules = execFileSync(php, ['-m'], { encoding: 'utf8' });
  if (!/^xml$/m.test(modules) || !/^xmlreader$/m.test(modules)) {
    throw new Error('php has no xml/xmlreader extension: install the Debian package php-xml (apt-get install -y php-xml; .ci/run does this)');
  }
  return runJson(php, [join(READERS_DIR, 'simplepie-read.php'), autoloader, ...files]);
}

let romeClasses: string | undefined;

/** ROME over many files in one JVM; the driver is compiled once per test run into a temp dir. */
export function readWithRome(files: string[]): ReportsByFile {
  const java = requireTool(JAVA);
  const classpath = ROME_JARS.map(requireTool).join(':');
  if (!romeClasses) {
    const out = mkdtempSync(join(tmpdir(), 'wirefeed-rome-'));
    execFileSync(requireTool(JAVAC), ['-d', out, '-cp', classpath, join(READERS_DIR, 'RomeRead.java')], { stdio: 'pipe' });
    romeClasses = out;
  }
  return runJson(java, ['-cp', `${romeClasses}:${classpath}`, 'RomeRead', ...files]);
}

/** Removes the compiled ROME driver; the next read compiles it again. */
export function removeRomeClasses(): void {
  if (romeClasses) rmSync(romeClasses, { recursive: true, force: true });
  romeClasses = undefined;
}

/**
 * Splits a batch tool's complaints by the file they name (each line starts with the file path), so
 * one process checks many files; a file with no line is clean.
 */
function complaintsByFile(files: string[], output: string): Map<string, string[]> {
  const byFile = new Map<string, string[]>(files.map((file) => [file, []]));
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '' || line.startsWith('[warning]')) continue;
    const file = files.find((f) => line.startsWith(`${f}:`));
    if (file) current = byFile.get(file);
    // xmllint prints the offending source line and a caret under an error: they belong to it.
    if (current) current.push(line);
    else for (const list of byFile.values()) list.push(line);
  }
  return byFile;
}

/** xmllint well-formedness and namespace well-formedness of many files in one process; complaints per file. */
export function lintXmlFiles(files: string[]): Map<string, string[]> {
  const xmllint = requireTool({ path: '/usr/bin/xmllint', debianPackage: 'libxml2-utils' });
  if (files.length === 0) return new Map();
  const result = spawnSync(xmllint, ['--noout', '--nonet', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const byFile = complaintsByFile(files, result.stderr);
  if (result.status !== 0 && [...byFile.values()].every((list) => list.length === 0)) for (const list of byFile.values()) list.push(`xmllint exited ${result.status}`);
  return byFile;
}

/** xmllint well-formedness and namespace well-formedness; returns its complaints (empty when clean). */
export function lintXml(file: string): string[] {
  return lintXmlFiles([file]).get(file)!;
}

/** jing with a RELAX NG schema (compact syntax) over many files in one JVM; complaints per file. */
export function validateRelaxNgFiles(schema: string, files: string[]): Map<string, string[]> {
  const jing = requireTool({ path: '/usr/bin/jing', debianPackage: 'jing' });
  if (files.length === 0) return new Map();
  const result = spawnSync(jing, ['-c', schema, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // The Debian wrapper warns on stderr about optional jars it cannot find; those are not findings.
  const byFile = complaintsByFile(files, result.stdout + result.stderr);
  if (result.status !== 0 && [...byFile.values()].every((list) => list.length === 0)) for (const list of byFile.values()) list.push(`jing exited ${result.status}`);
  return byFile;
}

/** jing with a RELAX NG schema (compact syntax); returns its complaints (empty when valid). */
export function validateRelaxNg(schema: string, file: string): string[] {
  return validateRelaxNgFiles(schema, [file]).get(file)!;
}
