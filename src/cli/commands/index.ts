/** The command registry: every top-level command's spec, in help order. */
import type { CommandSpec } from '../spec.js';
import { analyzeCommand } from './analyze.js';
import { completionCommand } from './completion.js';
import { installCommand } from './install.js';
import { kubeInjectCommand } from './kube-inject.js';
import { manifestCommand } from './manifest.js';
import { namespaceCommand } from './namespace.js';
import { profileCommand } from './profile.js';
import { uninstallCommand } from './uninstall.js';
import { upgradeCommand } from './upgrade.js';
import { validateCommand } from './validate.js';
import { verifyInstallCommand } from './verify-install.js';
import { versionCommand } from './version.js';
import { experimentalCommand } from './x.js';

export const COMMANDS: readonly CommandSpec[] = [
  analyzeCommand,
  completionCommand,
  installCommand,
  kubeInjectCommand,
  manifestCommand,
  namespaceCommand,
  profileCommand,
  uninstallCommand,
  upgradeCommand,
  validateCommand,
  verifyInstallCommand,
  versionCommand,
  experimentalCommand,
];
