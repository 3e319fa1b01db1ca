// The string literals of a JavaScript module, for the check that the page's
// English lives only in its catalogue (words.test.mjs). A small lexer, not a
// parser: it knows comments, the three kinds of string, a template's `${…}`
// (read as code, so literals inside it count too) and regular expressions
// (told from division by the token before them), which is all it takes to
// find every literal in the page's own modules.

/** The token after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof|\bcase|\bdo|\belse|\bin|\bof|\bvoid|\byield|\bawait)\s*$/;

/** The character an escape at `i` (a backslash) stands for, and the escape's length. */
function escapeAt(source, i) {
  const next = source[i + 1];
  const hex = next === 'u' ? source.slice(i + 2, i + 6) : next === 'x' ? source.slice(i + 2, i + 4) : null;
  if (hex !== null && /^[\da-f]+$/i.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), hex.length + 2];
  return [{ n: '\n', t: '\t' }[next] ?? next, 2];
}

/**
 * Every string literal of `source`, in order: `{ text, line, before }`, where
 * `text` is the literal's content (a template's `${…}` replaced by `\u0000`)
 * and `before` the code on its line up to it (to tell a `querySelector`'s
 * argument or a `console.log`'s from the reader's words).
 */
export function literalsOf(source) {
  const found = [];
  let i = 0;
  let line = 1;
  // The code read so far on this line, outside literals (for `before` and the regex rule).
  let code = '';
  // Open template literals and `${` braces: each entry is the brace depth at which a template resumes.
  const resumeAt = [];
  let depth = 0;

  const lineStart = () => source.lastIndexOf('\n', i - 1) + 1;
  const readQuoted = (quote) => {
    const start = i;
    const startLine = line;
    let text = '';
    i += 1;
    while (i < source.length && source[i] !== quote) {
      if (source[i] === '\\') {
        const [escaped, length] = escapeAt(source, i);
        text += escaped;
        i += length;
        continue;
      }
      if (source[i] === '\n') throw new Error(`unterminated string on line ${startLine}`);
      text += source[i];
      i += 1;
    }
    i += 1;
    found.push({ text, line: startLine, before: source.slice(lineStart(start), start) });
  };
  // Reads a template's text from i (just after the backtick or a `}`) to its end or its next `${`.
  const readTemplatePart = (entry) => {
    let text = '';
    while (i < source.length) {
      const c = source[i];
      if (c === '\\') {
        const [escaped, length] = escapeAt(source, i);
        text += escaped;
        i += length;
        continue;
      }
      if (c === '`') {
        i += 1;
        entry.text += text;
        found.push(entry);
        return 'end';
      }
      if (c === '$' && source[i + 1] === '{') {
        i += 2;
        entry.text += `${text}\u0000`;
        return 'open';
      }
      if (c === '\n') line += 1;
      text += c;
      i += 1;
    }
    throw new Error(`unterminated template from line ${entry.line}`);
  };
  const templates = [];
  const continueTemplate = (entry) => {
    if (readTemplatePart(entry) === 'open') {
      templates.push(entry);
      resumeAt.push(depth);
      depth += 1;
    }
  };

  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '\n') {
      line += 1;
      code = '';
      i += 1;
    } else if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      for (const ch of source.slice(i, end)) if (ch === '\n') line += 1;
      i = end + 2;
    } else if (c === '/' && BEFORE_REGEX.test(code)) {
      // A regular expression: skip to its closing slash (classes may hold a slash), then its flags.
      i += 1;
      let inClass = false;
      while (i < source.length && (inClass || source[i] !== '/')) {
        if (source[i] === '\\') i += 1;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        i += 1;
      }
      i += 1;
      while (/[a-z]/.test(source[i] ?? '')) i += 1;
      code += 'REGEX';
    } else if (c === '"' || c === "'") {
      readQuoted(c);
      code += 'STRING';
    } else if (c === '`') {
      const start = i;
      i += 1;
      continueTemplate({ text: '', line, before: source.slice(lineStart(start), start) });
      code += 'STRING';
    } else if (c === '{') {
      depth += 1;
      code += c;
      i += 1;
    } else if (c === '}') {
      depth -= 1;
      i += 1;
      if (resumeAt.length > 0 && resumeAt[resumeAt.length - 1] === depth) {
        resumeAt.pop();
        continueTemplate(templates.pop());
        code += 'STRING';
      } else {
        code += c;
      }
    } else {
      code += c;
      i += 1;
    }
  }
  return found.sort((a, b) => a.line - b.line);
}
