import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellWord } from './shell-word.js';

describe('shellWord', () => {
  it('leaves a word the shell reads as itself unquoted', () => {
    for (const word of ['content', '/tmp/site-1/content', 'https://example.com/news', 'a@b%c+d=e:f,g.h']) expect(shellWord(word)).toBe(word);
  });

  it('quotes anything else so that sh reads back the same word', () => {
    for (const word of ['my content', "it's", 'a;rm -rf x', '$(id)', '`id`', 'a"b', '*', '']) {
      const quoted = shellWord(word);
      expect(quoted).not.toBe(word);
      expect(execFileSync('sh', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' })).toBe(word);
    }
  });

  it('escapes what would reach a terminal as control characters', () => {
    expect(shellWord('a\u001b[2Kb')).not.toContain('\u001b');
  });
});
