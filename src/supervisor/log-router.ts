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

  /**
   * A process of this instance ended and its output closed: report its unfinished last line (a crash
   * message often has no newline) and put everything it wrote on disk now, not at shutdown.
   */
  end(instance: Instance): void {
    const outputs = this.outputs.get(instance);
    if (!outputs) return;
    this.finishLine(instance, outputs, 'out');
    this.finishLine(instance, outputs, 'err');
    void outputs.file.flush();
  }

  /** A line from the supervisor about this instance, on stderr: it always starts a line of its own. */
  note(instance: Instance, line: string): void {
    const outputs = this.outputs.get(instance);
    if (outputs) this.finishLine(instance, outputs, 'err');
    this.write(instance, 'err', Buffer.from(`${line}\n`));
  }

  /** Ends a stream's unfinished line: reported as a line, and terminated in the file. */
  private finishLine(instance: Instance, outputs: Outputs, stream: 'out' | 'err'): void {
    const rest = outputs[stream].end();
    for (const line of rest) this.onLine({ app: instance.app.name, instance: instance.index, stream, line });
    if (rest.length > 0) outputs.file.write(stream, '\n');
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
