// The live view's model: LiveEvents in, LiveMessages out. It rebuilds the current variant's time
// charts with the report's own builder at most every FLUSH_MS and sends only what changed; a page
// that connects late gets a snapshot of everything drawn so far.
import type { ChartSpec } from '../report/charts.js';
import { timeCharts } from '../report/charts.js';
import { variantLabel } from '../report/format.js';
import type { LiveEvent, LiveSink } from '../types.js';
import { chartDiff, xRangeOf } from './diff.js';
import type { LiveMessage } from './messages.js';
import { applyEvent, type LiveVariant, startVariant } from './variant-state.js';

/** At most this often the charts are rebuilt and sent: the load buckets' width. */
export const FLUSH_MS = 100;
/** Marker labels as large as report.html's: the page is for a projector. */
const STYLE = { markerFontSize: 15, fontFamily: 'system-ui, sans-serif' };

interface Current {
  section: string;
  variant: LiveVariant;
  scenario: string;
  plannedSeconds: number;
}

/** Turns a run's events into messages for every subscribed page. */
export class LiveFeed {
  private readonly sections: Extract<LiveMessage, { type: 'section' }>[] = [];
  private readonly charts = new Map<string, { section: string; spec: ChartSpec }>();
  private readonly ranges = new Map<string, LiveMessage & { type: 'range' }>();
  private readonly listeners = new Set<(message: LiveMessage) => void>();
  private status: LiveMessage = { type: 'status', text: 'waiting for the run to start' };
  private ended: LiveMessage | null = null;
  private current: Current | null = null;
  private timer: NodeJS.Timeout | undefined;

  /** The sink a run reports to (RunOptions.onLive). */
  readonly push: LiveSink = (event: LiveEvent) => {
    if (event.type === 'variant') {
      this.flush();
      const section = `v${this.sections.length + 1}`;
      const variant = startVariant(event);
      this.current = { section, variant, scenario: event.scenario, plannedSeconds: 0 };
      this.send({ type: 'section', section, title: `${event.scenario}: ${variantLabel(variant)}` });
      this.flush();
    } else if (event.type === 'phase') {
      const c = this.current;
      if (c && event.phase === 'load' && event.total_ms !== null) c.plannedSeconds = event.total_ms / 1000;
      // A runner phase ('load') is said with where it happens; a progress line says it already.
      const where = c && !event.phase.includes(' ') ? `${c.scenario} · ${variantLabel(c.variant)} · ` : '';
      this.send({ type: 'status', text: `${where}${event.phase}` });
    } else if (event.type === 'end') {
      this.flush();
      this.send({ type: 'end', text: event.partial ? 'run interrupted: partial results' : 'run finished' });
    } else if (this.current && applyEvent(this.current.variant, event)) {
      this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
    }
  };

  /** Hears every message from now on; returns the unsubscribe function. */
  subscribe(listener: (message: LiveMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Everything a page connecting now needs to show what has been drawn so far. */
  snapshot(): LiveMessage[] {
    const messages: LiveMessage[] = [this.status];
    for (const section of this.sections) {
      messages.push(section);
      for (const chart of this.charts.values())
        if (chart.section === section.section) messages.push({ type: 'chart', ...chart });
      const range = this.ranges.get(section.section);
      if (range) messages.push(range);
    }
    if (this.ended) messages.push(this.ended);
    return messages;
  }

  /** Sends what is pending and stops the timer. */
  close(): void {
    this.flush();
  }

  /** Rebuilds the current variant's charts and sends the difference. */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const c = this.current;
    if (!c) return;
    const specs = timeCharts(c.variant, c.section, STYLE);
    for (const spec of specs) {
      for (const message of chartDiff(c.section, this.charts.get(spec.name)?.spec, spec)) this.send(message);
      this.charts.set(spec.name, { section: c.section, spec });
    }
    const { min, max } = xRangeOf(specs, c.plannedSeconds);
    const before = this.ranges.get(c.section);
    if (!before || before.min !== min || before.max !== max)
      this.send({ type: 'range', section: c.section, min, max });
  }

  private send(message: LiveMessage): void {
    if (message.type === 'section') this.sections.push(message);
    else if (message.type === 'range') this.ranges.set(message.section, message);
    else if (message.type === 'status') this.status = message;
    else if (message.type === 'end') this.ended = message;
    for (const listener of this.listeners) listener(message);
  }
}
