/**
 * `prune.exclude` patterns: `*` matches any run of characters (including none); every
 * other character matches itself, case-sensitively, like VoIPBIN compares names.
 */
export type NameMatcher = (name: string) => boolean;

export function compileNamePattern(pattern: string): NameMatcher {
  if (!pattern.includes('*')) return (name) => name === pattern;
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
    .join('[\\s\\S]*');
  const regex = new RegExp(`^${escaped}$`);
  return (name) => regex.test(name);
}
