/** Whether a Powertools-style boolean switch (`POWERTOOLS_DEV`, …) is on: Powertools' reading of `1`, `y`, `yes`, `t`, `true`, `on`. */
export function isSwitchOn(value: string | undefined): boolean {
  return ['1', 'y', 'yes', 't', 'true', 'on'].includes(value?.trim().toLowerCase() ?? '');
}
