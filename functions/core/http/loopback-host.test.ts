import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback-host.js';

describe('isLoopbackHost', () => {
  it('accepts the loopback names with the server port, in any case', () => {
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LocalHost:8080', '[::1]:08080']) expect(isLoopbackHost(host, 8080), host).toBe(true);
  });

  it('accepts a loopback name without a port only on port 80', () => {
    expect(isLoopbackHost('localhost', 80)).toBe(true);
    expect(isLoopbackHost('localhost', 8080)).toBe(false);
  });

  it('refuses any other name, another port, and a missing or empty Host', () => {
    const refused = [
      'evil.example:8080', 'localhost.evil.example:8080', 'localhost.:8080', '127.0.0.1.nip.io:8080', '127.0.0.2:8080', '0.0.0.0:8080',
      '[::ffff:127.0.0.1]:8080', '::1:8080', '[::1]', 'localhost:8081', 'localhost:8080@evil.example', 'evil.example#localhost:8080',
      ' localhost:8080', 'localhost:8080 ', 'localhost:8080\n', '',
    ];
    for (const host of refused) expect(isLoopbackHost(host, 8080), JSON.stringify(host)).toBe(false);
    expect(isLoopbackHost(undefined, 8080)).toBe(false);
  });
});
