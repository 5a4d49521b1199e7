import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('system');

/** Runs the pre-test check against a system whose files are under `root`. */
function check(root?: string) {
  return spawnSync(process.execPath, ['scripts/check-system.mjs'], { encoding: 'utf8', env: { ...process.env, WIREFEED_SYSTEM_ROOT: root ?? '' } });
}

/** The one install command the check printed. */
const installLine = (stderr: string) => stderr.split('\n').filter((line) => line.includes('apt-get install'));

describe('scripts/check-system.mjs (run by npm test before vitest)', () => {
  it('passes on this machine, which has every tool the suite uses', () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('on a bare system, prints one apt-get command with every package, and exits 1', () => {
    const result = check(tempDir());
    expect(result.status).toBe(1);
    expect(installLine(result.stderr)).toEqual([
      '  sudo apt-get install -y --no-install-recommends libxml2-utils chromium python3-feedparser php-cli libphp-simplepie default-jre-headless default-jdk-headless librome-java libjdom2-java libslf4j-java jing xsltproc php-xml',
    ]);
    // …the same packages the README's install command names
    const readme = /sudo apt-get install -y --no-install-recommends ([^`]*?)\n```/.exec(readFileSync('README.md', 'utf8'))![1]!;
    const named = (line: string) => line.replace(/\\\n/g, ' ').trim().split(/\s+/).sort();
    expect(named(readme)).toEqual(named(installLine(result.stderr)[0]!.split('--no-install-recommends ')[1]!));
  });

  it('names exactly the missing packages, finding tools by their files and PHP extensions by `php -m`', () => {
    // Given: every file present but jing's, xsltproc's and SimplePie's; a php without xmlreader
    const root = tempDir();
    const present = [
      '/usr/bin/xmllint', '/usr/bin/chromium', '/usr/bin/python3', '/usr/lib/python3/dist-packages/feedparser/__init__.py',
      '/usr/bin/java', '/usr/bin/javac', '/usr/share/java/rome.jar', '/usr/share/java/rome-utils.jar', '/usr/share/java/jdom2.jar',
      '/usr/share/java/slf4j-api.jar', '/usr/share/java/slf4j-nop.jar',
    ];
    for (const path of present) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), '');
    }
    writeFileSync(join(root, '/usr/bin/php'), '#!/bin/sh\nprintf "[PHP Modules]\\nxml\\n"\n');
    chmodSync(join(root, '/usr/bin/php'), 0o755);
    // When
    const result = check(root);
    // Then
    expect(result.status).toBe(1);
    expect(installLine(result.stderr)).toEqual(['  sudo apt-get install -y --no-install-recommends libphp-simplepie jing xsltproc php-xml']);
    expect(result.stderr).toContain(`jing (Atom RELAX NG schema): ${join(root, '/usr/bin/jing')} (Debian package jing)`);
  });
});
