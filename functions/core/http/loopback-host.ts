/**
 * True when a request's Host header names this machine's loopback interface on `port`: `localhost`,
 * `127.0.0.1` or `[::1]`, in any case, with the port (without it only on port 80, as a browser
 * sends it). A DNS-rebinding page reaches a loopback server under its own name (`evil.example`),
 * which a browser always sends as the Host; refusing every other name keeps such a page from
 * reading what the server holds.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  const match = host === undefined ? null : LOOPBACK_HOST.exec(host);
  if (!match) return false;
  return match[2] === undefined ? port === 80 : Number(match[2]) === port;
}

const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?$/i;
