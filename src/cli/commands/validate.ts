import type { Command } from 'commander';
import type { CommandContext } from '../program.js';

export function registerValidateCommand(program: Command, context: CommandContext): void {
  void program;
  void context;
}
