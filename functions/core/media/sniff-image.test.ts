import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff-image.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
/** An ISO BMFF `ftyp` box with the brands given, then the start of the next box. */
const ftyp = (major: string, ...compatible: string[]) => bytes(be32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], ...compatible, be32(8), 'meta');

describe('sniffImageType', () => {
  it('knows the published types by their first bytes', () => {
    expect(sniffImageType(readFileSync('content/media/vienna-talks/photo1-400.jpg'))).toBe('image/jpeg');
    expect(sniffImageType(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'))).toBe('image/png');
    expect(sniffImageType(bytes('GIF87a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffImageType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    for (const chunk of ['VP8 ', 'VP8L', 'VP8X']) expect(sniffImageType(bytes('RIFF', be32(100), 'WEBP', chunk)), chunk).toBe('image/webp');
    expect(sniffImageType(ftyp('avif', 'mif1', 'miaf'))).toBe('image/avif');
    expect(sniffImageType(ftyp('avis', 'msf1'))).toBe('image/avif');
    expect(sniffImageType(ftyp('mif1', 'miaf', 'avif'))).toBe('image/avif');
  });

  it('refuses documents and other images, whatever they are named or declared', () => {
    const refused = {
      html: bytes('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
      svg: bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      xmlSvg: bytes('<?xml version="1.0"?><svg/>'),
      bomHtml: bytes([0xef, 0xbb, 0xbf], '<html>'),
      empty: bytes(),
      jpegPrefix: bytes([0xff, 0xd8]),
      pngPrefix: bytes([0x89], 'PNG'),
      gif: bytes('GIF90a'),
      riffWave: bytes('RIFF', be32(100), 'WAVEfmt '),
      webpNoChunk: bytes('RIFF', be32(100), 'WEBP'),
      heic: ftyp('heic', 'mif1', 'heic'),
      mp4: ftyp('isom', 'iso2', 'mp41'),
      // `avif` after the end of the ftyp box is another box's content, not a brand.
      avifOutsideBox: bytes(be32(16), 'ftyp', 'mif1', [0, 0, 0, 0], 'avif'),
      bmp: bytes('BM', be32(0)),
      pdf: bytes('%PDF-1.7'),
    };
    for (const [name, start] of Object.entries(refused)) expect(sniffImageType(start), name).toBeUndefined();
  });
});
