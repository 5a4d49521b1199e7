import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/build-content.js';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

const BASE = 'https://wire.example.org';
const args = (content: string) => ['build', '--content', content, '--out', '$OUT', '--base-url', BASE];

/** All elements below `nodes`, depth first. */
function descendants(nodes: Node[]): Element[] {
  return nodes.flatMap((node) => ('tagName' in node ? [node, ...descendants(node.childNodes)] : []));
}

/** All elements of an HTML fragment, as a browser parses it. */
function elementsOf(html: string): Element[] {
  return descendants(parseFragment(html).childNodes as Node[]);
}

const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
const textOf = (element: Element): string => element.childNodes.map((node) => ('value' in node ? node.value : 'tagName' in node ? textOf(node) : '')).join('');

describe('photos three ways (issue 10 point 3)', () => {
  let run: CliRun;
  beforeAll(async () => {
    run = await runCli(args('content'));
  });

  it('puts every photo in the body, Media RSS, Atom enclosures and JSON attachments under one URL', () => {
    const rss = parseRssFeed(run.read('rss.xml')).items ?? [];
    const atom = new Map((parseAtomFeed(run.read('atom.xml')).entries ?? []).map((entry) => [entry.id, entry]));
    const json = new Map((parseJsonFeed(run.read('feed.json')).items ?? []).map((item) => [item.id, item]));
    let photos = 0;
    for (const item of rss) {
      const id = item.guid!.value!;
      const media = item.media?.contents ?? [];
      const images = elementsOf(item.content!.encoded!).filter((el) => el.tagName === 'img');
      const figures = elementsOf(item.content!.encoded!).filter((el) => el.tagName === 'figure');
      for (const content of media) {
        photos += 1;
        const url = content.url!;
        expect(url.startsWith(`${BASE}/media/`), url).toBe(true);
        // Body: a figure with the image and "caption — credit", unless the body already showed the photo.
        const figure = figures.find((f) => descendants(f.childNodes).some((el) => el.tagName === 'img' && attr(el, 'src') === url));
        if (figure) {
          const img = descendants(figure.childNodes).find((el) => el.tagName === 'img')!;
          expect(attr(img, 'width')).toBe(String(content.width));
          expect(attr(img, 'height')).toBe(String(content.height));
          const caption = figure.childNodes.find((node): node is Element => 'tagName' in node && node.tagName === 'figcaption')!;
          expect(textOf(caption)).toBe(`${content.description!.value} — ${content.credits![0]!.value}`);
        } else {
          const shown = images.map((img) => attr(img, 'src'));
          expect(shown.some((src) => src === url || src === content.thumbnails?.[0]?.url), `${id}: ${url} not in the body`).toBe(true);
        }
        expect(content.credits?.[0]?.value).toBeTruthy();
        expect(atom.get(id)!.links!.some((link) => link.rel === 'enclosure' && link.href === url), `${id} atom`).toBe(true);
        expect(json.get(id)!.attachments!.some((attachment) => attachment.url === url), `${id} json`).toBe(true);
      }
      // The lead photo is the RSS enclosure and the JSON Feed image.
      if (media.length > 0) {
        expect(item.enclosures).toHaveLength(1);
        expect(item.enclosures![0]!.url).toBe(media[0]!.url);
        expect(json.get(id)!.image).toBe(media[0]!.url);
      } else {
        expect(item.enclosures ?? []).toEqual([]);
      }
    }
    expect(photos).toBeGreaterThanOrEqual(7);
  });

  it('gives a photo a new URL when its bytes change, and only that photo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-photo-'));
    cpSync('content', dir, { recursive: true });
    appendFileSync(join(dir, 'media/vienna-talks/photo1-1600.jpg'), Buffer.from([0]));
    const changed = await runCli(args(dir));
    const urls = (r: CliRun) => (parseRssFeed(r.read('rss.xml')).items ?? []).flatMap((item) => (item.media?.contents ?? []).map((c) => c.url!));
    const before = urls(run);
    const after = urls(changed);
    const differing = before.filter((url) => !after.includes(url));
    expect(differing).toHaveLength(1);
    expect(differing[0]).toMatch(/\/media\/[0-9a-f]{16}\/photo1-1600\.jpg$/);
    expect(after.find((url) => url.endsWith('/photo1-1600.jpg'))).not.toBe(differing[0]);
  });
});
