import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/build-content.js';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

const BASE = 'https://wire.example.org';

/** Every `<a href>` and `<link href>` of a page, resolved against the page's public URL. */
function pageLinks(html: string, pageUrl: string): URL[] {
  const found: URL[] = [];
  const walk = (node: Node) => {
    const element = node as Element;
    if (element.tagName === 'a' || element.tagName === 'link') {
      const href = element.attrs.find((attr) => attr.name === 'href')?.value;
      if (href !== undefined) found.push(new URL(href, pageUrl));
    }
    if ('childNodes' in node) node.childNodes.forEach(walk);
  };
  walk(parse(html));
  return found;
}

/** The built file a same-site URL is served from (`…/` is served as `…/index.html`), or undefined for another site. */
function builtPath(url: URL): string | undefined {
  if (url.origin !== new URL(BASE).origin) return undefined;
  const path = decodeURIComponent(url.pathname).slice(1);
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

describe('pages link up (CLI build over content/)', () => {
  let run: CliRun;
  const pageUrl = (path: string) => `${BASE}/${path.replace(/index\.html$/, '')}`;
  const links = (path: string) => pageLinks(run.read(path), pageUrl(path)).map(builtPath).filter((file) => file !== undefined);
  beforeAll(async () => {
    run = await runCli(['build', '--content', 'content', '--out', '$OUT', '--base-url', BASE]);
  });

  it("the index links each section's page, and each section page links back", () => {
    expect(run.code).toBe(0);
    const sectionPages = links('index.html').filter((file) => /^sections\/[^/]+\/index\.html$/.test(file));
    expect(sectionPages.length).toBeGreaterThan(1);
    for (const page of sectionPages) {
      expect(existsSync(join(run.outDir, page)), page).toBe(true);
      expect(links(page)).toContain('index.html');
    }
  });

  it('a story page links its sections and the feeds, site and sections', () => {
    // Given: the seed story, with its sections read from its ninjs file
    const seed = JSON.parse(readFileSync('content/stories/vienna-talks-syria.json', 'utf8')) as { headlines: Array<{ value: string }> };
    const storyPage = links('index.html').find((file) => file.startsWith('stories/') && run.read(file).includes(seed.headlines[0]!.value.slice(0, 20)));
    expect(storyPage).toBeDefined();
    // When
    const targets = links(storyPage!);
    // Then
    const sections = targets.filter((file) => /^sections\/[^/]+\/index\.html$/.test(file));
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      const folder = section.slice(0, -'index.html'.length);
      expect(targets).toEqual(expect.arrayContaining([`${folder}rss.xml`, `${folder}atom.xml`, `${folder}feed.json`]));
      // …and the section's page lists the story back
      expect(links(section)).toContain(storyPage);
    }
    expect(targets).toEqual(expect.arrayContaining(['rss.xml', 'atom.xml', 'feed.json', 'feeds.opml', 'index.html', 'style.css']));
  });

  it('every same-site link of every page reachable from the index resolves to a built file', () => {
    const seen = new Set<string>(['index.html']);
    const queue = ['index.html'];
    const broken: string[] = [];
    while (queue.length > 0) {
      const page = queue.shift()!;
      for (const file of links(page)) {
        if (!existsSync(join(run.outDir, file))) broken.push(`${page} → ${file}`);
        else if (file.endsWith('.html') && !seen.has(file)) {
          seen.add(file);
          queue.push(file);
        }
      }
    }
    expect(broken).toEqual([]);
    // Reached: the index, every section page and every story page.
    expect([...seen].filter((file) => file.startsWith('sections/')).length).toBeGreaterThan(1);
    expect([...seen].filter((file) => file.startsWith('stories/')).length).toBeGreaterThan(1);
  });
});
