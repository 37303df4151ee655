/** A progress line on stderr: rewritten in place on a terminal, one line every few seconds otherwise. */
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  let shown = false;
  return {
    update(text: string, force = false): void {
      const now = Date.now();
      if (!force && now - last < (tty ? 200 : 5000)) return;
      last = now;
      shown = true;
      if (tty) stream.write(`\r\x1b[2K${label}: ${text}`);
      else stream.write(`${label}: ${text}\n`);
    },
    done(): void {
      if (shown && tty) stream.write('\n');
    },
  };
}
