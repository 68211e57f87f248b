// The scenario's faults, said in the words of the tools that inject them in a cluster: Chaos Mesh
// kinds and xk6-disruptor calls. Exported as comments: resilab injects them on one machine; in a
// cluster an operator chooses how (and whether) to reproduce them.
import type { FaultSpec } from '../types.js';

/** How one fault kind is reproduced in Kubernetes. */
export interface FaultCounterpart {
  chaosMesh: string;
  disruptor: string;
}

/** One row per fault kind: a missing kind is a compile error. */
export const FAULT_COUNTERPARTS: Record<FaultSpec['kind'], FaultCounterpart> = {
  crash: {
    chaosMesh: 'PodChaos, action: container-kill (the app process dies, the kubelet restarts it)',
    disruptor: 'PodDisruptor.terminatePods({ count: 1 })',
  },
  kill: {
    chaosMesh: 'PodChaos, action: pod-kill',
    disruptor: 'PodDisruptor.terminatePods({ count: 1 })',
  },
  freeze: {
    chaosMesh: 'PodChaos, action: pod-failure, with duration (the pod stops answering, then comes back)',
    disruptor:
      'PodDisruptor.injectHTTPFaults({ averageDelay: <duration> }, <duration>) (closest: slow, not hung)',
  },
  hang: {
    chaosMesh:
      'StressChaos, stressors.cpu on the app container (closest: a busy loop that never ends is a hung event loop)',
    disruptor:
      'PodDisruptor.injectHTTPFaults({ averageDelay: <long> }) (closest: requests that never answer)',
  },
  leak: {
    chaosMesh: 'StressChaos, stressors.memory (size, workers)',
    disruptor: 'none (xk6-disruptor injects protocol faults, not memory pressure)',
  },
  cpu: {
    chaosMesh: 'StressChaos, stressors.cpu (workers, load)',
    disruptor: 'none (xk6-disruptor injects protocol faults, not CPU load)',
  },
  reload: {
    chaosMesh: 'none: `kubectl rollout restart deployment/<name>` (a rolling update)',
    disruptor: 'none',
  },
  dependency: {
    chaosMesh:
      'none for the server itself: stop its workload (`kubectl scale statefulset/<db> --replicas=0`, then back); NetworkChaos, action: partition, to cut the link instead',
    disruptor: 'none (xk6-disruptor acts on the app under test, not on what it depends on)',
  },
  network: {
    chaosMesh:
      'NetworkChaos: action delay (latency, jitter), bandwidth (rate), loss or partition (down, timeout, reset_peer)',
    disruptor:
      'PodDisruptor.injectHTTPFaults({ averageDelay, errorRate }) (HTTP-level: closest to latency and reset_peer)',
  },
  restart: {
    chaosMesh: 'none: `kubectl delete pod -l <selector>` (all at once), or a rollout restart',
    disruptor: 'ServiceDisruptor.terminatePods({ count: <replicas> })',
  },
  scale: {
    chaosMesh: 'none: `kubectl scale deployment/<name> --replicas=<n>`',
    disruptor: 'none',
  },
  'boot-crash': {
    chaosMesh: 'none: deploy an image or env that fails on start (CrashLoopBackOff)',
    disruptor: 'none',
  },
};

/** Seconds with one decimal ('4.0 s'). */
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** What a fault does, in a few words (the scenario's own terms). */
function describe(fault: FaultSpec): string {
  switch (fault.kind) {
    case 'crash':
      return fault.via === 'http' ? `crash via GET ${fault.path}` : `crash via ${fault.signal}`;
    case 'kill':
      return `kill with ${fault.signal}`;
    case 'freeze':
      return `freeze (SIGSTOP) for ${seconds(fault.duration_ms)}`;
    case 'leak':
      return `leak ${fault.mb} MB at ${fault.rate_per_s}/s for ${seconds(fault.duration_ms)}`;
    case 'cpu':
      return `${fault.concurrent} concurrent CPU-bound requests on ${fault.path}`;
    case 'scale':
      return `scale to ${fault.instances}`;
    default:
      return fault.kind;
  }
}

/** The faults as comment lines (without the comment marker). */
export function faultLines(faults: readonly FaultSpec[]): string[] {
  if (faults.length === 0) return ['The scenario has no faults.'];
  const lines: string[] = [];
  for (const fault of faults) {
    const counterpart = FAULT_COUNTERPARTS[fault.kind];
    lines.push(`at ${seconds(fault.at_ms)} after load start: ${describe(fault)}`);
    lines.push(`  Chaos Mesh:    ${counterpart.chaosMesh}`);
    lines.push(`  xk6-disruptor: ${counterpart.disruptor}`);
  }
  return lines;
}
