// The Kubernetes and Docker examples are not applied or built here (no cluster, no registry), so
// they are read back: the probes and the scrape settings must point where the command line the
// container runs says `resilab runtime` serves them (--metrics-port, on every interface).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../../helpers/processes.js';

const DIR = join(ROOT, 'examples/kubernetes');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, checked field by field below
type Doc = any;

function documents(): Doc[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d) => {
        expect(d.errors, f).toEqual([]);
        return d.toJS();
      }),
    );
}

/** The value after a flag in an argument list. */
function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

describe('examples/kubernetes', () => {
  const docs = documents();
  const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
  const [deployment] = byKind('Deployment');
  const container = deployment.spec.template.spec.containers[0];
  const args: string[] = container.args;
  const metricsPort = Number(flag(args, '--metrics-port'));
  const portNamed = (name: string | number) =>
    typeof name === 'number' ? name : container.ports.find((p: Doc) => p.name === name)?.containerPort;

  it('runs resilab runtime with a metrics port open to the pod network', () => {
    expect(Number.isInteger(metricsPort)).toBe(true);
    expect(flag(args, '--metrics-host')).toBe('0.0.0.0');
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'HOST', value: '0.0.0.0' }]));
    expect(Number(flag(args, '-i'))).toBeGreaterThanOrEqual(2);
  });

  it('probes liveness on /healthz and readiness on /readyz, on the metrics port', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(portNamed(container.livenessProbe.httpGet.port)).toBe(metricsPort);
    expect(portNamed(container.readinessProbe.httpGet.port)).toBe(metricsPort);
  });

  it('is scraped on the same port, by annotation and by ServiceMonitor through the Service', () => {
    const { annotations, labels } = deployment.spec.template.metadata;
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(Number(annotations['prometheus.io/port'])).toBe(metricsPort);
    expect(annotations['prometheus.io/path']).toBe('/metrics');
    const [service] = byKind('Service');
    const [monitor] = byKind('ServiceMonitor');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(monitor.spec.selector.matchLabels).toEqual(service.metadata.labels);
    const endpoint = monitor.spec.endpoints[0];
    expect(endpoint.path).toBe('/metrics');
    const servicePort = service.spec.ports.find((p: Doc) => p.name === endpoint.port);
    expect(portNamed(servicePort.targetPort)).toBe(metricsPort);
    // The app's own port, from the env the app reads, is the Service's http port.
    const appPort = Number(container.env.find((e: Doc) => e.name === 'PORT').value);
    expect(portNamed(service.spec.ports.find((p: Doc) => p.name === 'http').targetPort)).toBe(appPort);
  });

  it('gives the supervisor time to stop its instances before Kubernetes kills the pod', () => {
    const killTimeoutMs = Number(flag(args, '--kill-timeout') ?? 1600);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(killTimeoutMs);
  });
});

describe('examples/Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'examples/Dockerfile'), 'utf8');
  const json = (instruction: string): string[] =>
    JSON.parse(new RegExp(`^${instruction} (\\[.*\\])$`, 'm').exec(text)?.[1] ?? 'null');

  it('has resilab runtime as its entrypoint and exposes the port its command serves metrics on', () => {
    expect(json('ENTRYPOINT')).toEqual(['resilab', 'runtime']);
    const cmd = json('CMD');
    const port = flag(cmd, '--metrics-port');
    expect(flag(cmd, '--metrics-host')).toBe('0.0.0.0');
    expect(/^EXPOSE (.*)$/m.exec(text)?.[1]?.split(/\s+/)).toContain(port);
    // The same port as the Deployment's, so the manifests work with this image unchanged.
    expect(Number(port)).toBe(
      Number(
        flag(
          documents().find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].args,
          '--metrics-port',
        ),
      ),
    );
  });
});
