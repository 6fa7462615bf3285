import fs from 'node:fs';

/**
 * Resident memory, in MB, of the processes this Node process launched (children and their children: the browser, its
 * renderers and workers), optionally only those whose command line `which` accepts. Linux only (0 elsewhere).
 */
export function descendantRssMb(which: (cmdline: string) => boolean = () => true): number {
  if (process.platform !== 'linux') return 0;
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = fs.readFileSync(`/proc/${d}/status`, 'utf8');
      parents.set(Number(d), Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      if (which(fs.readFileSync(`/proc/${d}/cmdline`, 'utf8')))
        rss.set(Number(d), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // Gone meanwhile.
    }
  }
  let kb = 0;
  for (const [pid, size] of rss) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === process.pid) {
        kb += size;
        break;
      }
    }
  }
  return kb / 1024;
}
