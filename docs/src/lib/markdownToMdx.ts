/**
 * Turns plain Markdown (a play's body, written for GitHub and wikis) into MDX that renders the
 * same text. MDX reads `<` as the start of a JSX tag, `{` and `}` as a JavaScript expression and
 * a block starting with `import` or `export` as ES module code; plain Markdown means them as text.
 * Outside fenced code blocks and inline code, this escapes those characters with a backslash (a
 * CommonMark escape of ASCII punctuation, which MDX honours) and writes the first letter of such
 * a block as a character reference.
 */

const fence = /^ {0,3}(`{3,}|~{3,})/;

/** Escapes the text outside inline code spans of a run of lines that holds no fenced code. */
function escapeProse(text: string): string {
  const parts: string[] = [];
  // A code span: a run of backticks, then anything up to the same run (CommonMark 6.1).
  const codeSpan = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g;
  let last = 0;
  for (const match of text.matchAll(codeSpan)) {
    parts.push(escapeText(text.slice(last, match.index)), match[0]);
    last = match.index + match[0].length;
  }
  parts.push(escapeText(text.slice(last)));
  return parts.join("");
}

function escapeText(text: string): string {
  return text
    .replace(/[<{}]/g, (character) => `\\${character}`)
    .replace(
      /^([ \t]*)(import|export)\b/gm,
      (_, space: string, word: string) => `${space}&#${word.charCodeAt(0)};${word.slice(1)}`,
    );
}

/**
 * Escapes a Markdown document for MDX; fenced code blocks are kept as they are.
 *
 * @param markdown - CommonMark / GitHub-flavoured Markdown without JSX.
 * @returns MDX source that renders the same document.
 */
export function markdownToMdx(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let prose: string[] = [];
  let open: string | undefined;
  const flush = () => {
    if (prose.length > 0) out.push(escapeProse(prose.join("\n")));
    prose = [];
  };
  for (const line of lines) {
    const marker = fence.exec(line)?.[1];
    if (open === undefined) {
      if (marker) {
        flush();
        open = marker;
        out.push(line);
      } else {
        prose.push(line);
      }
    } else {
      out.push(line);
      if (
        marker &&
        marker[0] === open[0] &&
        marker.length >= open.length &&
        line.trim() === marker
      ) {
        open = undefined;
      }
    }
  }
  flush();
  return out.join("\n");
}
