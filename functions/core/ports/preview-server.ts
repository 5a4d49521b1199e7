/** A running preview server (adapters/preview-server.ts): where it listens, and telling the pages it serves that a rebuild finished. */
export interface PreviewServer {
  port: number;
  /** A rebuild finished: open pages reload. */
  rebuilt(): void;
  /** Stops serving, event streams and idle connections included. */
  close(): void;
}
