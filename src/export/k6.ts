// `resilab export k6`: a scenario → a k6 script and the k6-operator manifests that run it in a
// cluster. Pure: returns the files' contents; the CLI writes them.
import { LabError } from '../errors.js';
import type { Scenario } from '../types.js';
import { k8sName, renderK6Manifest, SCRIPT_FILE } from './k6-manifest.js';
import { renderK6Script } from './k6-script.js';

/** User input of the export (the CLI's flags). */
export interface K6Options {
  /** The variant whose thresholds apply; default the scenario's first. */
  variant?: string;
  /** Where the k6 runners reach the app. */
  baseUrl?: string;
  /** k6 runners (pods) sharing the load. */
  parallelism?: number;
}

/** The default target: a Service named after the scenario, on port 3000. */
const DEFAULT_PORT = 3000;

/** The exported files, by name. */
export interface K6Export {
  files: { name: string; content: string }[];
}

/** Renders the script and the manifest of a scenario. */
export function exportK6(scenario: Scenario, options: K6Options = {}): K6Export {
  const variant = options.variant
    ? scenario.variants.find((v) => v.name === options.variant)
    : scenario.variants[0];
  if (!variant) {
    const known = scenario.variants.map((v) => v.name).join(', ');
    throw new LabError(
      'RESILAB_E_USAGE',
      `--variant: the scenario has no variant ${JSON.stringify(options.variant)} (it has: ${known})`,
    );
  }
  const parallelism = options.parallelism ?? 1;
  if (!Number.isSafeInteger(parallelism) || parallelism < 1)
    throw new LabError(
      'RESILAB_E_USAGE',
      `--parallelism: expected a whole number >= 1, got ${JSON.stringify(parallelism)}`,
    );
  const name = k8sName(scenario.name);
  const baseUrl = options.baseUrl ?? `http://${name}:${DEFAULT_PORT}`;
  if (!/^https?:\/\/[^\s/]+/.test(baseUrl))
    throw new LabError(
      'RESILAB_E_USAGE',
      `--base-url: expected an http(s) URL, got ${JSON.stringify(baseUrl)}`,
    );
  const script = renderK6Script(scenario, { variant, baseUrl });
  return {
    files: [
      { name: SCRIPT_FILE, content: script },
      { name: 'testrun.yaml', content: renderK6Manifest({ name, script, parallelism, baseUrl }) },
    ],
  };
}
