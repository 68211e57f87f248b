// Where an instance's output goes: whole lines to the supervisor's 'log' listeners (the runtime
// prints them prefixed), raw chunks to the instance's log files.
import type { Instance } from './instance.js';
import { LineSplitter } from './lines.js';
import { InstanceLog } from './logs.js';

/** One output line of one instance. */
export interface LogLine {
  app: string;
  instance: number;
  stream: 'out' | 'err';
  line: string;
}

interface Outputs {
  out: LineSplitter;
  err: LineSplitter;
  file: InstanceLog;
}

/** Splits each instance's output into lines and writes it to its log files. */
export class LogRouter {
  private readonly outputs = new Map<Instance, Outputs>();

  constructor(
    private readonly home: string,
    private readonly onLine: (line: LogLine) => void,
  ) {}

  write(instance: Instance, stream: 'out' | 'err', chunk: Buffer): void {
    let outputs = this.outputs.get(instance);
    if (!outputs) {
      const file = new InstanceLog(instance.app, instance.index, this.home);
      outputs = { out: new LineSplitter(), err: new LineSplitter(), file };
      this.outputs.set(instance, outputs);
    }
    outputs.file.write(stream, chunk);
    for (const line of outputs[stream].push(chunk)) {
      this.onLine({ app: instance.app.name, instance: instance.index, stream, line });
    }
  }

  /** Flushes and closes one instance's files. */
  async close(instance: Instance): Promise<void> {
    const outputs = this.outputs.get(instance);
    if (!outputs) return;
    this.outputs.delete(instance);
    await outputs.file.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.outputs.keys()].map((i) => this.close(i)));
  }
}
