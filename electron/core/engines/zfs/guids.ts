import { type ZfsHost, zfsArgv, zfsError } from './zfs-host.js';

/** Current guid of each named snapshot (absent when it does not exist), in one `zfs get`. */
export async function currentGuids(h: ZfsHost, names: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < names.length; i += 200) {
    const batch = names.slice(i, i + 200);
    // zfs exits 1 when some names do not exist, but still prints the others
    const r = await h.exec.run(zfsArgv(h, ['get', '-Hp', '-o', 'name,value', 'guid', ...batch]));
    for (const line of r.stdout.split('\n')) {
      const tab = line.lastIndexOf('\t');
      if (tab > 0) found.set(line.slice(0, tab), line.slice(tab + 1));
    }
    if (r.code !== 0 && !/does not exist/.test(r.stderr) && found.size === 0) {
      throw zfsError(h, ['get', 'guid'], r.code, r.stderr);
    }
  }
  return found;
}
