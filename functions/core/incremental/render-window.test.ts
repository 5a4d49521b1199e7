import { describe, expect, it } from 'vitest';
import { mainStepDue, windowStepFiles } from './render-window.js';
import { emptyWindow } from './feed-window.js';
import { sectionFolder } from '../outputs/site-pages.js';

const SITE = { title: 'T', description: 'D', baseUrl: 'https://x.example', itemLimit: 3, hubs: [] };

/** Runs a window step's files, answering its asks with `sections`; the files and how many times it asked. */
function run(folder: string, sections: Record<string, string>): { paths: string[]; asked: number } {
  const plan = windowStepFiles(SITE, emptyWindow(folder));
  let asked = 0;
  let step = plan.next();
  while (!step.done) {
    asked += 1;
    step = plan.next(sections);
  }
  return { paths: step.value.map((file) => file.path), asked };
}

describe('windowStepFiles: the front files go with the main window, the only step that asks for the section names', () => {
  it('a section window renders its own files and never asks', () => {
    const { paths, asked } = run(sectionFolder('sport'), { sport: 'Sport' });
    expect(asked).toBe(0);
    expect(paths).not.toContain('index.html');
    expect(paths).toContain(`${sectionFolder('sport')}/rss.xml`);
  });

  it('the main window asks once and renders the front files listing the sections', () => {
    const { paths, asked } = run('', { sport: 'Sport' });
    expect(asked).toBe(1);
    expect(paths).toEqual(expect.arrayContaining(['rss.xml', 'index.html', 'style.css']));
    const plan = windowStepFiles(SITE, emptyWindow(''));
    plan.next();
    const index = (plan.next({ sport: 'Sport' }).value as Array<{ path: string; body: string }>).find((file) => file.path === 'index.html')!;
    expect(index.body).toContain('Sport');
  });

  it('a publish runs the main step when its feed or a section name changed', () => {
    expect([mainStepDue(true, false), mainStepDue(false, true), mainStepDue(false, false)]).toEqual([true, true, false]);
  });
});
