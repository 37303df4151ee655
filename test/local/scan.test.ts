import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scan } from '../../local/commands/scan.js';

const dir = mkdtempSync(join(tmpdir(), 'breachwatch-scan-'));
const body =
  'Grüße! {"customer":{"email":"jane.doe@example.com","iban":"GB82 WEST 1234 5698 7654 32"},"note":"card 4111 1111 1111 1111"}\n';
const file = join(dir, 'capture.json');
writeFileSync(file, body);

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  try {
    return { code: await scan(args), out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('breachwatch scan', () => {
  it('prints one JSON object per detection with byte offsets into the file and never the value', async () => {
    const { code, out } = await run([file]);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.type)).toEqual(['EMAIL', 'IBAN', 'CREDIT_CARD']);
    const bytes = Buffer.from(body);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['type', 'fineType', 'start', 'end', 'validated', 'confidence', 'fingerprint']);
      const value = bytes.subarray(l.start as number, l.end as number).toString();
      expect(['jane.doe@example.com', 'GB82 WEST 1234 5698 7654 32', '4111 1111 1111 1111']).toContain(value);
      expect(out).not.toContain(value);
    }
  });

  it('adds the file name when several files are given and reports compressed files at their whole span', async () => {
    const gz = join(dir, 'capture.json.gz');
    writeFileSync(gz, gzipSync(body));
    const { out } = await run([file, gz]);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.file === file)).toHaveLength(3);
    expect(lines.filter((l) => l.file === gz).every((l) => l.start === 0)).toBe(true);
  });

  it('splits a multipart body by --content-type and reports each value at its offset in the file', async () => {
    const multipart = join(dir, 'upload.bin');
    const head = '--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\n';
    const raw = `${head}${body}\r\n--XyZ--\r\n`;
    writeFileSync(multipart, raw);
    const { code, out } = await run([multipart, '--content-type', 'multipart/form-data; boundary=XyZ']);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; start: number; end: number });
    expect(lines.map((l) => l.type)).toEqual(['EMAIL', 'IBAN', 'CREDIT_CARD']);
    const email = lines[0] as { start: number; end: number };
    expect(Buffer.from(raw).subarray(email.start, email.end).toString()).toBe('jane.doe@example.com');
  });

  it('prints a summary table with --format table', async () => {
    const { out } = await run([file, '--format', 'table']);
    expect(out).toMatch(/^type\s+category\s+detections\s+distinct\s+validated\s+jurisdictions/);
    expect(out).toMatch(/IBAN\s+financial\s+1\s+1\s+1\s+GB/);
    expect(out).toContain('3 detections, 3 distinct values');
  });

  it('rejects an unknown format, listing the allowed ones', async () => {
    await expect(run([file, '--format', 'xml'])).rejects.toThrow('--format: expected jsonl or table, found "xml"');
  });

  it('runs as the breachwatch binary reading stdin', () => {
    const result = spawnSync(process.execPath, ['bin/breachwatch.mjs', 'scan', '-'], {
      input: 'ssn: 078-05-1121\n',
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    const line = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ type: 'US_SSN', start: 5, end: 16, validated: true });
    expect(result.stdout).not.toContain('078-05-1121');
  });
});
