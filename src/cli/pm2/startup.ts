// `resilab startup`: a systemd unit that brings the saved apps back at boot. Type=forking, because
// `resilab resurrect` does exactly what forking expects: it starts the background daemon (which
// writes daemon.pid before it answers), hands it the dump and exits. systemd then follows the daemon
// by its PIDFile, runs `resilab kill` on stop, and restarts it (resurrecting again) if it dies.
// Printed only: installing needs root and is left to the user (the commands are printed with it).
import { dirname } from 'node:path';

/** What the unit is written for. */
export interface StartupOptions {
  /** Absolute path of node. */
  node: string;
  /** Absolute path of the resilab CLI (dist/cli/bin.js). */
  bin: string;
  home: string;
  user: string;
}

/** The unit's file name for a user. */
export function serviceName(user: string): string {
  return `resilab-${user.replace(/[^A-Za-z0-9_.-]/g, '_')}.service`;
}

/** The unit file's text. */
export function renderUnit(options: StartupOptions): string {
  const run = `${options.node} ${options.bin}`;
  return [
    '[Unit]',
    'Description=resilab supervisor: resurrects the apps saved with `resilab save`',
    'After=network.target',
    '',
    '[Service]',
    'Type=forking',
    `User=${options.user}`,
    `Environment=RESILAB_HOME=${options.home}`,
    `Environment=PATH=${dirname(options.node)}:/usr/local/bin:/usr/bin:/bin`,
    `PIDFile=${options.home}/daemon.pid`,
    `ExecStart=${run} resurrect`,
    `ExecReload=${run} reload all`,
    `ExecStop=${run} kill`,
    'Restart=on-failure',
    'LimitNOFILE=infinity',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** The commands that install the unit, as comments the user copies. */
export function renderInstallSteps(options: StartupOptions): string {
  const name = serviceName(options.user);
  return [
    `# To run the saved apps at boot, as root:`,
    `#   resilab startup | sudo tee /etc/systemd/system/${name} >/dev/null`,
    `#   sudo systemctl daemon-reload`,
    `#   sudo systemctl enable ${name}`,
    `# Then, with your apps running: resilab save   (what resurrect brings back at boot)`,
    `# To remove: sudo systemctl disable --now ${name} && sudo rm /etc/systemd/system/${name}`,
    '',
  ].join('\n');
}
