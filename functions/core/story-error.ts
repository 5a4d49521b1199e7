/** One problem in a story file, located by a JSON pointer (RFC 6901) into that file. */
export interface StoryProblem {
  /** JSON pointer, `''` for the whole document. */
  pointer: string;
  message: string;
}

/**
 * A story that cannot be published. It carries every problem found, not just the first, and
 * formats each as `file: /json/pointer: message` so an editor can go straight to the field.
 */
export class StoryError extends Error {
  override readonly name = 'StoryError';

  constructor(
    readonly file: string,
    readonly problems: StoryProblem[],
    options?: { cause?: unknown },
  ) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'), options);
  }

  /** One line per problem, ready for stderr or a log field. */
  lines(): string[] {
    return this.problems.map((p) => formatProblem(this.file, p));
  }
}

function formatProblem(file: string, problem: StoryProblem): string {
  return `${file}: ${problem.pointer || '/'}: ${problem.message}`;
}

/** Escapes one JSON pointer reference token (RFC 6901 §3: `~` → `~0`, `/` → `~1`). */
function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins tokens into a JSON pointer. */
export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + pointerToken(t)).join('');
}
