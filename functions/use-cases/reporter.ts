/** Where a use case reports lines for people: the CLI's is stderr, tests pass their own. */
export interface Reporter {
  error(line: string): void;
  info(line: string): void;
}
