// A small well-formedness check for the HTML and XML the reports write (no parser package in the
// tree): every tag closes in order, attributes are quoted, and script bodies are set aside.

const VOID = new Set(['meta', 'link', 'br', 'hr', 'img', 'input', 'col', 'source', 'wbr', 'area', 'base']);

/** Problems found (empty when well-formed). `html` allows void elements and a doctype. */
export function markupProblems(text: string, mode: 'html' | 'xml'): string[] {
  const problems: string[] = [];
  const body = text.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
  const stack: string[] = [];
  const tag =
    /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*(\/?)>|<!doctype[^>]*>|<\?xml[^>]*\?>|<!--[\s\S]*?-->/gi;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    if (between.includes('<'))
      problems.push(
        `stray '<' or malformed tag near: ${between.slice(between.indexOf('<'), between.indexOf('<') + 60)}`,
      );
    last = m.index + m[0].length;
    const [, closing, name, , selfClosing] = m;
    if (!name) continue;
    const key = mode === 'html' ? name.toLowerCase() : name;
    if (closing) {
      const open = stack.pop();
      if (open !== key) problems.push(`</${key}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing && !(mode === 'html' && VOID.has(key))) stack.push(key);
  }
  if (body.slice(last).includes('<')) problems.push('stray < at the end');
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  const entities = body.match(/&(?!#\d+;|#x[0-9a-f]+;|[a-z]+;)/gi);
  if (entities) problems.push(`${entities.length} unescaped '&'`);
  return problems;
}
