import type { Command } from 'commander';
import type { CommandContext } from '../program.js';

/**
 * Each command lives in its own file and registers itself here. Command modules import
 * their heavy dependencies (undici, ajv) lazily inside the action, keeping start-up fast.
 */
export function registerCommands(program: Command, context: CommandContext): void {
  void program;
  void context;
}
