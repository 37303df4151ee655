/**
 * A progress line on stderr for long work: rewritten in place on a terminal; elsewhere (CI, pipes) one
 * line every 5 s once the work has run for 5 s, so short runs stay quiet.
 */
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  let last = 0;
  let shown = false;
  const write = (text: string) => {
    shown = true;
    if (tty) stream.write(`\r\x1b[2K${label}: ${text}`);
    else stream.write(`${label}: ${text}\n`);
  };
  return {
    /** Shows `text` if enough time has passed; `final` shows it whenever a line was already shown. */
    update(text: string, final = false): void {
      const now = Date.now();
      if (final) {
        if (shown) write(text);
        return;
      }
      if (tty ? now - last < 200 : now - started < 5000 || now - last < 5000) return;
      last = now;
      write(text);
    },
    done(): void {
      if (shown && tty) stream.write('\n');
    },
  };
}
