import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { registerApplyCommand } from './apply.js';
import { registerEmulatorCommand } from './emulator.js';
import { registerExportCommand } from './export.js';
import { registerListCommand } from './list.js';
import { registerPlanCommand } from './plan.js';
import { registerShowCommand } from './show.js';
import { registerValidateCommand } from './validate.js';
import { registerVersionCommand } from './version.js';

/**
 * Each command lives in its own file and registers itself here. Command modules import
 * their heavy dependencies (undici, ajv) lazily inside the action, keeping start-up fast.
 */
export function registerCommands(program: Command, context: CommandContext): void {
  registerValidateCommand(program, context);
  registerPlanCommand(program, context);
  registerApplyCommand(program, context);
  registerShowCommand(program, context);
  registerListCommand(program, context);
  registerExportCommand(program, context);
  registerEmulatorCommand(program, context);
  registerVersionCommand(program, context);
}
