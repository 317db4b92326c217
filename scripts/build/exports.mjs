// Reads and rewrites a wasm module's export section, for the split step (scripts/build/split.mjs), which drops
// the exports of stream adapters the widget never uses so that wasm-opt can drop their code.

/** Reads the unsigned LEB128 at `pos`: `[value, position after it]`. */
function leb(bytes, pos) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, pos];
}

function encodeLeb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** The module's sections after its 8-byte header: `{ id, start, end, body }` with `body` their contents. */
function sections(bytes) {
  const found = [];
  for (let pos = 8; pos < bytes.length;) {
    const [size, body] = leb(bytes, pos + 1);
    found.push({ id: bytes[pos], start: pos, end: body + size, body: bytes.subarray(body, body + size) });
    pos = body + size;
  }
  return found;
}

/** A name (a length-prefixed UTF-8 string) at `pos`: `[name, position after it]`. */
function name(bytes, pos) {
  const [length, start] = leb(bytes, pos);
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}

/** The names the module imports, from whichever module. */
export function importNames(bytes) {
  const names = [];
  for (const { body } of sections(bytes).filter((s) => s.id === 2)) {
    let [count, pos] = leb(body, 0);
    for (; count > 0; count -= 1) {
      [, pos] = name(body, pos);
      let field;
      [field, pos] = name(body, pos);
      names.push(field);
      const kind = body[pos++];
      if (kind === 0 || kind === 4) [, pos] = leb(body, pos + (kind === 4 ? 1 : 0)); // function, tag: a type
      else if (kind === 3) pos += 2; // global: a value type and mutability
      else {
        if (kind === 1) pos += 1; // table: a reference type, then limits like a memory's
        const flags = body[pos++];
        [, pos] = leb(body, pos);
        if (flags & 1) [, pos] = leb(body, pos);
      }
    }
  }
  return names;
}

/** The module without the exports whose names `drop` accepts: `{ bytes, dropped }`. */
export function withoutExports(bytes, drop) {
  const dropped = [];
  const parts = [bytes.subarray(0, 8)];
  for (const section of sections(bytes)) {
    if (section.id !== 7) {
      parts.push(bytes.subarray(section.start, section.end));
      continue;
    }
    const { body } = section;
    let [count, pos] = leb(body, 0);
    const kept = [];
    for (; count > 0; count -= 1) {
      const [field, after] = name(body, pos);
      const [, end] = leb(body, after + 1);
      if (drop(field)) dropped.push(field);
      else kept.push(body.subarray(pos, end));
      pos = end;
    }
    const contents = Buffer.concat([encodeLeb(kept.length), ...kept]);
    parts.push(Buffer.from([7]), encodeLeb(contents.length), contents);
  }
  return { bytes: Buffer.concat(parts), dropped };
}
