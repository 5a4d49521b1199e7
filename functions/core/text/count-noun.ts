/** `1 story`, `2 stories`, `0 stories`: a count with its noun in the form English uses for it. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
