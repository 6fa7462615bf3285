import fs from 'node:fs';

/** CPU time (user + system, ms) of every Chromium process, summed by kind; Linux only (null elsewhere). */
export type ProcessCpu = Record<string, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

function kindOf(cmdline: string[]): string | null {
  if (!cmdline.some((a) => /chrom(e|ium)/.test(a))) return null;
  const flag = (name: string) => cmdline.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const type = flag('type');
  if (!type) return cmdline[0]?.includes('chrom') ? 'browser' : null;
  if (type === 'renderer') return cmdline.includes('--extension-process') ? 'extension renderer' : 'page renderer';
  if (type === 'utility') return `utility: ${flag('utility-sub-type') ?? '?'}`;
  return type;
}

/**
 * One snapshot. Every Chromium on the machine counts, so take it while only the bench's browser runs. Processes
 * that exit between two snapshots drop out of the difference (their time is lost, not misattributed).
 */
export function processCpu(): ProcessCpu | null {
  if (process.platform !== 'linux') return null;
  const out: ProcessCpu = {};
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // Chromium's children rewrite their title: one string with spaces, not NUL-separated arguments.
      const kind = kindOf(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]+/));
      if (!kind) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[`${kind}#${pid}`] = (Number(f[11]) + Number(f[12])) * TICK_MS;
    } catch {
      // The process exited while being read.
    }
  }
  return out;
}

/** CPU used between two snapshots, by kind (processes present in both, or new ones counted from zero). */
export function cpuBetween(a: ProcessCpu | null, b: ProcessCpu | null): ProcessCpu | null {
  if (!a || !b) return null;
  const out: ProcessCpu = {};
  for (const [key, ms] of Object.entries(b)) {
    const kind = key.slice(0, key.lastIndexOf('#'));
    out[kind] = (out[kind] ?? 0) + ms - (a[key] ?? 0);
  }
  return out;
}
