/**
 * Turns the Markdown of a persona card (`renderPersonaCard` of `@opsbook/persona`) into HTML at
 * build time, for the persona guide. It knows exactly the Markdown that function writes — headings,
 * paragraphs, bullet lists, block quotes, pipe tables and `**bold**` — and escapes all text, so the
 * card is shown as the function wrote it without a Markdown library. Headings are demoted by
 * `headingOffset` levels to sit below the page's own headings.
 */

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function inline(text: string): string {
  return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
}

function cells(row: string): string[] {
  return row
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/** HTML of a persona card's Markdown. */
export function personaCardHtml(markdown: string, headingOffset = 2): string {
  const lines = markdown.split("\n");
  const html: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (line.trim() === "") {
      i++;
    } else if (heading) {
      const level = Math.min((heading[1] ?? "#").length + headingOffset, 6);
      html.push(`<h${level}>${inline(heading[2] ?? "")}</h${level}>`);
      i++;
    } else if (line.startsWith("- ")) {
      const items: string[] = [];
      while ((lines[i] ?? "").startsWith("- "))
        items.push(`<li>${inline((lines[i++] ?? "").slice(2))}</li>`);
      html.push(`<ul>${items.join("")}</ul>`);
    } else if (line.startsWith(">")) {
      const quote: string[] = [];
      while ((lines[i] ?? "").startsWith(">")) quote.push((lines[i++] ?? "").replace(/^> ?/, ""));
      html.push(`<blockquote><p>${inline(quote.join(" "))}</p></blockquote>`);
    } else if (line.startsWith("|")) {
      const rows: string[] = [];
      while ((lines[i] ?? "").startsWith("|")) rows.push(lines[i++] ?? "");
      const [head = "", align = "", ...body] = rows;
      const right = cells(align).map((spec) => spec.endsWith(":"));
      const cell = (tag: "th" | "td", text: string, j: number) =>
        `<${tag}${tag === "th" ? ' scope="col"' : ""}${right[j] ? ' class="num"' : ""}>${inline(text)}</${tag}>`;
      html.push(
        `<table><thead><tr>${cells(head)
          .map((text, j) => cell("th", text, j))
          .join("")}</tr></thead><tbody>${body
          .map(
            (row) =>
              `<tr>${cells(row)
                .map((text, j) => cell("td", text, j))
                .join("")}</tr>`,
          )
          .join("")}</tbody></table>`,
      );
    } else {
      const paragraph: string[] = [];
      while (
        i < lines.length &&
        (lines[i] ?? "").trim() !== "" &&
        !/^(#|- |>|\|)/.test(lines[i] ?? "")
      )
        paragraph.push(lines[i++] ?? "");
      html.push(`<p>${inline(paragraph.join(" "))}</p>`);
    }
  }
  return html.join("\n");
}
