/**
 * Synthetic default-format (v2) flow records for the throughput bench, shaped like the real OpenSearch
 * capture in `../shared/fixtures/flowlogs`: 200 ENIs, a skewed set of peers per ENI, server responses to
 * many clients, 5 % REJECT, 3 % NODATA, 60-second aggregation windows.
 */
import { prng } from './flows-scenarios.js';

export const V2_HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

/** `count` records starting at `startSec`, joined with newlines (no header). */
export function v2Records(count: number, seed = 3, startSec = 1_773_064_800): string {
  const r = prng(seed);
  const enis = Array.from(
    { length: 200 },
    (_, i) => `eni-0${(0x3c0f5ba79a66e000 + i * 4099).toString(16).slice(0, 16)}`,
  );
  const peers = Array.from(
    { length: 2000 },
    () =>
      `${[52, 35, 34, 151, 104][Math.floor(r() * 5)]}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`,
  );
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const e = Math.floor(r() ** 1.5 * enis.length);
    const eni = enis[e]!;
    const own = `10.${e >> 8}.${e & 255}.${10 + (e % 200)}`;
    const t = startSec + Math.floor((i / count) * 3600);
    const x = r();
    if (x < 0.03) {
      lines.push(`2 347283850106 ${eni} - - - - - - - ${t} ${t + 60} - NODATA`);
      continue;
    }
    const peer = peers[(e * 7 + Math.floor(r() ** 3 * 40)) % peers.length]!;
    const bytes = Math.floor(40 + r() ** 4 * 5_000_000);
    const packets = 1 + Math.floor(bytes / 1200);
    const action = x < 0.08 ? 'REJECT' : 'ACCEPT';
    if (x < 0.5)
      lines.push(
        `2 347283850106 ${eni} ${own} ${peer} ${32768 + Math.floor(r() * 28000)} 443 6 ${packets} ${bytes} ${t} ${t + 60} ${action} OK`,
      );
    else if (x < 0.8)
      lines.push(
        `2 347283850106 ${eni} ${peer} ${own} 443 ${32768 + Math.floor(r() * 28000)} 6 ${packets} ${bytes} ${t} ${t + 60} ${action} OK`,
      );
    else
      lines.push(
        `2 347283850106 ${eni} ${own} ${peer} 443 ${32768 + Math.floor(r() * 28000)} 6 ${packets} ${bytes} ${t} ${t + 60} ${action} OK`,
      );
  }
  return lines.join('\n');
}
