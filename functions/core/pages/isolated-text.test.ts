import { describe, expect, it } from 'vitest';
import { balanceIsolates, isolatedText } from './isolated-text.js';

const [RLO, RLI, PDI, FSI] = ['\u202e', '\u2067', '\u2069', '\u2068'];

describe('balanceIsolates', () => {
  it('drops a PDI that closes nothing and closes isolates left open', () => {
    expect(balanceIsolates(`a${PDI}${RLO}b`)).toBe(`a${RLO}b`);
    expect(balanceIsolates(`a${RLI}b`)).toBe(`a${RLI}b${PDI}`);
    expect(balanceIsolates(`a${RLI}b${PDI}${PDI}c`)).toBe(`a${RLI}b${PDI}c`);
    expect(balanceIsolates('Plain')).toBe('Plain');
  });
});

describe('isolatedText', () => {
  it('wraps text with bidi controls in FSI…PDI and leaves other text alone', () => {
    expect(isolatedText(`Evil ${RLO}title`)).toBe(`${FSI}Evil ${RLO}title${PDI}`);
    expect(isolatedText('Plain title')).toBe('Plain title');
  });

  it('balances the text first, so the closing PDI is ours', () => {
    expect(isolatedText(`a${PDI}${RLO}b`)).toBe(`${FSI}a${RLO}b${PDI}`);
    expect(isolatedText(`a${RLI}b`)).toBe(`${FSI}a${RLI}b${PDI}${PDI}`);
  });
});
