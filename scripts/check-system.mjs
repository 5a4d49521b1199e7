#!/usr/bin/env node
// Checks, before `npm test` starts, that the system tools the suite reads our output with are
// installed (real parsers and validators, never mocks: see test/conformance/system-readers.ts and
// test/browser/). Missing ones would fail the run midway, one confusing error at a time; this prints
// the one apt-get command that installs exactly the missing Debian packages, and exits 1.
//
// Tools are found by their files (commands and libraries at the paths the tests use), not by
// dpkg, so a tool installed another way counts. WIREFEED_SYSTEM_ROOT (default `/`) is the folder
// those paths are looked up under, so the check itself can be tested against a made-up system.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Each file the suite runs or loads, with the Debian package that provides it (as .ci/run installs them). */
const TOOLS = [
  { path: '/usr/bin/xmllint', debianPackage: 'libxml2-utils', what: 'xmllint (feed well-formedness)' },
  { path: '/usr/bin/chromium', debianPackage: 'chromium', what: 'Chromium (browser tests)' },
  { path: '/usr/bin/python3', debianPackage: 'python3-feedparser', what: "Debian's python3 (feedparser)" },
  { path: '/usr/lib/python3/dist-packages/feedparser/__init__.py', debianPackage: 'python3-feedparser', what: 'feedparser' },
  { path: '/usr/bin/php', debianPackage: 'php-cli', what: 'PHP (SimplePie)' },
  { path: '/usr/share/php/simplepie/autoloader.php', debianPackage: 'libphp-simplepie', what: 'SimplePie' },
  { path: '/usr/bin/java', debianPackage: 'default-jre-headless', what: 'a Java runtime (ROME)' },
  { path: '/usr/bin/javac', debianPackage: 'default-jdk-headless', what: 'a JDK (compiles the ROME reader)' },
  { path: '/usr/share/java/rome.jar', debianPackage: 'librome-java', what: 'ROME' },
  { path: '/usr/share/java/rome-utils.jar', debianPackage: 'librome-java', what: 'ROME utils' },
  { path: '/usr/share/java/jdom2.jar', debianPackage: 'libjdom2-java', what: 'JDOM 2 (ROME)' },
  { path: '/usr/share/java/slf4j-api.jar', debianPackage: 'libslf4j-java', what: 'SLF4J (ROME)' },
  { path: '/usr/share/java/slf4j-nop.jar', debianPackage: 'libslf4j-java', what: 'SLF4J no-op binding' },
  { path: '/usr/bin/jing', debianPackage: 'jing', what: 'jing (Atom RELAX NG schema)' },
  { path: '/usr/bin/xsltproc', debianPackage: 'xsltproc', what: 'xsltproc (feed.xsl)' },
];

/** PHP extensions SimplePie needs: without them it silently reads nothing. */
const PHP_EXTENSIONS = { modules: ['xml', 'xmlreader'], debianPackage: 'php-xml', what: "PHP's xml and xmlreader extensions" };

const root = process.env.WIREFEED_SYSTEM_ROOT || '/';
const missing = TOOLS.map((tool) => ({ ...tool, path: join(root, tool.path) })).filter((tool) => !existsSync(tool.path));
const php = join(root, '/usr/bin/php');
if (!existsSync(php) || !phpHas(php, PHP_EXTENSIONS.modules)) missing.push({ path: `${php} -m`, ...PHP_EXTENSIONS });

if (missing.length === 0) process.exit(0);
const packages = [...new Set(missing.map((tool) => tool.debianPackage))];
console.error('npm test reads the output with system tools that are not installed:');
for (const tool of missing) console.error(`  ${tool.what}: ${tool.path} (Debian package ${tool.debianPackage})`);
console.error('Install them with:');
console.error(`  sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`);
process.exit(1);

function phpHas(command, modules) {
  const result = spawnSync(command, ['-m'], { encoding: 'utf8' });
  if (result.status !== 0) return false;
  const loaded = new Set(result.stdout.split('\n').map((line) => line.trim().toLowerCase()));
  return modules.every((module) => loaded.has(module));
}
