import { expandTemplateBytes, hasTokens, soleToken, tokenOf, type FragmentLocation, type FragmentSource } from '../fragment-token.js';

const NO_SCRATCH = Buffer.alloc(0);
const FORGOTTEN = new Uint8Array(0);
const UTF8 = new TextDecoder();

/**
 * The bodies of framed state objects read by one unit of work, whose fragments its entries name by
 * token (`framed-state.ts`), and the way back from a text holding such tokens to its bytes or its
 * text. One per story publish (`storyScope`) or rebuild: tokens mean something only to the registry
 * that made them, and the bodies it holds are let go with it.
 */
export class FragmentBytes implements FragmentSource {
  private readonly bodies: Uint8Array[] = [];
  private readonly stores = new Map<Uint8Array, number>();

  /** The token for `length` bytes at `offset` in `body` (a body read again, such as a kept one, keeps its number). */
  tokenAt(body: Uint8Array, offset: number, length: number): string {
    let store = this.stores.get(body);
    if (store === undefined) {
      store = this.bodies.push(body) - 1;
      this.stores.set(body, store);
    }
    return tokenOf([store, offset, length]);
  }

  /** Lets go of a body whose tokens are no longer used (a token naming it then throws, never reads other bytes). */
  forget(body: string | Uint8Array): void {
    if (typeof body === 'string') return;
    const store = this.stores.get(body);
    if (store === undefined) return;
    this.stores.delete(body);
    this.bodies[store] = FORGOTTEN;
  }

  readInto([store, offset, length]: FragmentLocation, target: Buffer, at: number): void {
    const body = this.bodies[store];
    if (!body || offset + length > body.byteLength) throw new Error(`fragment ${store}:${offset}:${length} is not kept by this invocation`);
    target.set(body.subarray(offset, offset + length), at);
  }

  /** The UTF-8 bytes of a text whose fragments may be tokens. A text that is one token is a view of the body holding it. */
  bytesOf(text: string): Uint8Array {
    if (!hasTokens(text)) return Buffer.from(text);
    const sole = soleToken(text);
    if (sole) {
      const [store, offset, length] = sole;
      const body = this.bodies[store];
      if (body && offset + length <= body.byteLength) return body.subarray(offset, offset + length);
    }
    return expandTemplateBytes(text, this, { buffer: NO_SCRATCH });
  }

  /** The text itself, tokens replaced by the fragments they name (for the rare reader of a fragment's characters). */
  textOf(text: string): string {
    return hasTokens(text) ? UTF8.decode(this.bytesOf(text)) : text;
  }

  /** UTF-8 length of a text whose fragments may be tokens, without expanding them. */
  byteLength(text: string): number {
    if (!hasTokens(text)) return Buffer.byteLength(text);
    return soleToken(text)?.[2] ?? this.bytesOf(text).byteLength;
  }
}
