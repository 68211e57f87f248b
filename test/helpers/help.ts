// Reads commander's --help text: which commands the top-level help lists.

/** The command names of a --help text's "Commands:" section (aliases and `help` left out). */
export function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}([a-z][\w-]*)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}
