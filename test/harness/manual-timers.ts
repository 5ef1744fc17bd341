// A Timers port whose time the test advances by hand; services take timers as a parameter.
import type { Clock, Timers } from '../../electron/ports';

export class ManualTime implements Clock, Timers {
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ at: this.current + Math.max(0, ms), fn, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Runs every timer due up to now + ms, in order, including timers they schedule. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
      const due = this.queue[0];
      if (!due || due.at > end) break;
      this.queue.shift();
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = end;
  }

  /** Jumps the clock without running timers, like a suspend or a clock change. */
  jump(ms: number): void {
    this.current += ms;
  }
}
