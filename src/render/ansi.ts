/** Minimal ANSI styling; every function is the identity when colour is off. */
export interface Style {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) =>
  text === '' ? text : `\x1b[${open}m${text}\x1b[${close}m`;

const COLOUR: Style = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  bold: wrap(1, 22),
  dim: wrap(2, 22),
};

const identity = (text: string) => text;
const PLAIN: Style = {
  red: identity,
  green: identity,
  yellow: identity,
  bold: identity,
  dim: identity,
};

export function styleFor(colour: boolean): Style {
  return colour ? COLOUR : PLAIN;
}
