// GET /metrics in the Prometheus text format. Request counts and latencies are this process's own (Prometheus adds
// up the processes behind a balancer); the terminal counts come from PostgreSQL, so every process reports the same.
// Labels are bounded: the route is a declared path or "unmatched", never the raw URL.

/** Seconds. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class HubMetrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();

  observe(route: string, method: string, status: number, seconds: number): void {
    const key = `route="${label(route)}",method="${label(method)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const h = this.durations.get(route) ?? { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
    DURATION_BUCKETS.forEach((le, i) => {
      if (seconds <= le) h.buckets[i]!++;
    });
    h.sum += seconds;
    h.count++;
    this.durations.set(route, h);
  }

  render(terminals: { active: number; revoked: number }): string {
    const out = [
      '# HELP counterpart_hub_requests_total Requests answered by this hub process, by route, method and status.',
      '# TYPE counterpart_hub_requests_total counter',
      ...[...this.requests].map(([k, n]) => `counterpart_hub_requests_total{${k}} ${n}`),
      '# HELP counterpart_hub_request_duration_seconds Time from a request arriving to its answer being sent.',
      '# TYPE counterpart_hub_request_duration_seconds histogram',
    ];
    for (const [route, h] of this.durations) {
      const r = `route="${label(route)}"`;
      DURATION_BUCKETS.forEach((le, i) => {
        out.push(`counterpart_hub_request_duration_seconds_bucket{${r},le="${le}"} ${h.buckets[i]}`);
      });
      out.push(
        `counterpart_hub_request_duration_seconds_bucket{${r},le="+Inf"} ${h.count}`,
        `counterpart_hub_request_duration_seconds_sum{${r}} ${h.sum}`,
        `counterpart_hub_request_duration_seconds_count{${r}} ${h.count}`,
      );
    }
    out.push(
      '# HELP counterpart_hub_terminals Terminals enrolled on this hub database, by state.',
      '# TYPE counterpart_hub_terminals gauge',
      `counterpart_hub_terminals{state="active"} ${terminals.active}`,
      `counterpart_hub_terminals{state="revoked"} ${terminals.revoked}`,
    );
    return `${out.join('\n')}\n`;
  }
}
