/**
 * Returns the 1-based line on which each element of a top-level JSON array starts. `text` must
 * be JSON that parsed as an array, so strings hold no raw line breaks and brackets balance.
 */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingElement = false;

  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x0a) {
      line++;
      continue;
    }
    if (inString) {
      if (unit === 0x5c) i++;
      else if (unit === 0x22) inString = false;
      continue;
    }
    if (unit === 0x20 || unit === 0x09 || unit === 0x0d) continue;

    if (depth === 1 && expectingElement && unit !== 0x5d) {
      lines.push(line);
      expectingElement = false;
    }
    if (unit === 0x22) {
      inString = true;
    } else if (unit === 0x5b || unit === 0x7b) {
      depth++;
      if (depth === 1) expectingElement = true;
    } else if (unit === 0x5d || unit === 0x7d) {
      depth--;
    } else if (unit === 0x2c && depth === 1) {
      expectingElement = true;
    }
  }
  return lines;
}
