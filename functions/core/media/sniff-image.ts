/**
 * Which image type a file's first bytes say it is, among the types we publish: JPEG, PNG, GIF,
 * WebP and AVIF. The bytes decide, never the name or a declared type: a file named `.jpg` or
 * declared `image/jpeg` may be an HTML page or an SVG, which a browser would run as a document on
 * the site's origin. Anything else (SVG, HTML, HEIC, BMP, an empty file) is undefined.
 */
export function sniffImageType(start: Uint8Array): string | undefined {
  if (startsWith(start, 0, JPEG)) return 'image/jpeg';
  if (startsWith(start, 0, PNG)) return 'image/png';
  if (startsWith(start, 0, GIF87A) || startsWith(start, 0, GIF89A)) return 'image/gif';
  if (isWebp(start)) return 'image/webp';
  if (isAvif(start)) return 'image/avif';
  return undefined;
}

/** Bytes of a file `sniffImageType` reads at most: S3 is asked for this many with a ranged GET. */
export const SNIFF_BYTES = 256;

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

// SOI marker followed by the first marker's FF (JPEG, ITU T.81 B.1.1.3; the WHATWG MIME Sniffing table).
const JPEG = [0xff, 0xd8, 0xff];
// PNG signature, PNG spec 5.2.
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GIF87A = ascii('GIF87a');
const GIF89A = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
// The first chunk of a WebP file is one of these three (RFC 9649 section 2.5).
const WEBP_CHUNKS = ['VP8 ', 'VP8L', 'VP8X'].map(ascii);
const FTYP = ascii('ftyp');
// AVIF brands (AV1 Image File Format 1.1, section 9): still image and image sequence.
const AVIF_BRANDS = ['avif', 'avis'].map(ascii);

function startsWith(bytes: Uint8Array, offset: number, expected: number[]): boolean {
  if (bytes.length < offset + expected.length) return false;
  return expected.every((byte, index) => bytes[offset + index] === byte);
}

function isWebp(bytes: Uint8Array): boolean {
  return startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP) && WEBP_CHUNKS.some((chunk) => startsWith(bytes, 12, chunk));
}

/**
 * An ISO BMFF file opens with its `ftyp` box: size (32-bit big-endian), `ftyp`, major brand, minor
 * version, then compatible brands to the end of the box. AVIF names `avif` or `avis` as the major
 * brand or among the compatible ones (a HEIC photo names neither, and is not published).
 */
function isAvif(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, 4, FTYP) || bytes.length < 16) return false;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (boxSize < 16) return false;
  const end = Math.min(boxSize, bytes.length);
  const isBrand = (offset: number) => AVIF_BRANDS.some((brand) => startsWith(bytes, offset, brand));
  if (isBrand(8)) return true;
  for (let offset = 16; offset + 4 <= end; offset += 4) if (isBrand(offset)) return true;
  return false;
}
