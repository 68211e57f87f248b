// The challenge on a terminal: a table, a bar per request (length = latency), the verdict. Returns
// a string; the caller writes it.
import type { ChallengeResult, CurvePoint, ModeResult } from '../types.js';

const BAR_WIDTH = 40;

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - text.length));
const padStart = (text: string, width: number): string => ' '.repeat(Math.max(0, width - text.length)) + text;

function label(mode: ModeResult): string {
  return `${mode.mode} ×${mode.instances}`;
}

function bars(results: ModeResult[], color: boolean): string[] {
  const longest = Math.max(...results.flatMap((mode) => mode.latencies_ms));
  const lines: string[] = [];
  for (const mode of results) {
    mode.latencies_ms.forEach((latency, index) => {
      const length = Math.max(1, Math.round((latency / longest) * BAR_WIDTH));
      const bar = '█'.repeat(length);
      const painted = color ? `\x1b[${mode.mode === 'single' ? '33' : '36'}m${bar}\x1b[0m` : bar;
      const name = index === 0 ? label(mode) : '';
      lines.push(
        `${pad(name, 12)} req ${index + 1} ${painted}${' '.repeat(BAR_WIDTH - length)} ${padStart(latency.toFixed(1), 7)} ms`,
      );
    });
  }
  return lines;
}

function table(result: ChallengeResult): string[] {
  const header = [
    'mode',
    'instances',
    ...Array.from({ length: result.requests }, (_, i) => `req ${i + 1} ms`),
    'total ms',
    'lone ms',
    'pids',
  ];
  const rows = result.results.map((mode) => [
    mode.mode,
    String(mode.instances),
    ...mode.latencies_ms.map((value) => value.toFixed(1)),
    mode.total_ms.toFixed(1),
    mode.lone_ms.toFixed(1),
    mode.pids.join(' '),
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column] ?? 0)).join('  ');
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)];
}

function curve(points: CurvePoint[]): string[] {
  if (points.length === 0) return [];
  const best = Math.max(...points.map((point) => point.rps));
  return [
    'Scaling on /cpu (requests/s by instance count):',
    ...points.map((point) => {
      const length = best > 0 ? Math.max(1, Math.round((point.rps / best) * BAR_WIDTH)) : 1;
      return `  ${padStart(String(point.instances), 2)} instance${point.instances === 1 ? ' ' : 's'} ${'▇'.repeat(length)} ${point.rps.toFixed(0)} req/s`;
    }),
  ];
}

/** The whole challenge output: what was done, the table, the bars, the curve, the verdict and the limits. */
export function renderChallenge(
  result: ChallengeResult,
  options: { color: boolean; reportPath?: string },
): string {
  const lines = [
    `The ${result.loops.toLocaleString('en-US')}-loop challenge: ${result.requests} simultaneous GET /cpu, median of ${result.rounds} rounds, ${result.cpus} CPU cores`,
    '',
    ...table(result),
    '',
    ...bars(result.results, options.color),
    '',
    ...curve(result.curve),
    ...(result.curve.length > 0 ? [''] : []),
    ...result.verdict.map((sentence) => `• ${sentence}`),
    ...result.warnings.map((warning) => `! ${warning}`),
  ];
  if (options.reportPath) lines.push('', `Report: ${options.reportPath}`);
  return `${lines.join('\n')}\n`;
}
