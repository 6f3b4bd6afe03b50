import { validate } from "@opsbook/core";
import { opportunityScore } from "./opportunityScore.ts";
import { type PersonaInput, personaSchema } from "./schemas.ts";

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function list(title: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  return [`## ${title}`, "", ...items.map((item) => `- ${item}`), ""];
}

/**
 * Renders a persona as a Markdown card: the name as a heading, the summary, then the sections that
 * have content — demographics, scenarios, goals, pains, jobs to be done (a table sorted by
 * opportunity score, highest first), channels, quotes (as block quotes) and key metrics. Empty
 * sections are left out, so a draft card stays short.
 *
 * @param persona - The persona (validated with {@link personaSchema}).
 * @returns Markdown text ending with a newline.
 * @throws {@link OpsbookError} when the persona does not match the schema.
 * @category Personas
 * @since 0.1.0
 * @example
 * ```ts
 * import { renderPersonaCard } from "@opsbook/persona";
 *
 * renderPersonaCard({
 *   name: "Weekly reporter",
 *   summary: "Builds the Monday report for the leadership team.",
 *   goals: ["Send the report before 10:00"],
 *   jobs: [{ statement: "Minimise the time to collect last week's numbers", importance: 8, satisfaction: 4 }],
 * }).split("\n")
 * //=> ["# Weekly reporter", "", "Builds the Monday report for the leadership team.", "",
 * //   "## Goals", "", "- Send the report before 10:00", "",
 * //   "## Jobs to be done", "", "| Job | Importance | Satisfaction | Opportunity |", "| --- | ---: | ---: | ---: |",
 * //   "| Minimise the time to collect last week's numbers | 8 | 4 | 12 |", "", ""]
 * renderPersonaCard({ name: "No summary" }) //=> throws OpsbookError
 * ```
 */
export function renderPersonaCard(persona: PersonaInput): string {
  const p = validate(personaSchema, persona, { label: "persona" });
  const lines: string[] = [`# ${p.name}`, "", p.summary, ""];
  const facts = Object.entries(p.demographics);
  if (facts.length > 0) {
    lines.push("## Demographics", "", ...facts.map(([k, v]) => `- **${k}:** ${String(v)}`), "");
  }
  lines.push(...list("Scenarios", p.scenarios), ...list("Goals", p.goals));
  lines.push(...list("Pains", p.pains));
  if (p.jobs.length > 0) {
    const jobs = p.jobs
      .map((job, order) => ({
        job,
        order,
        score: opportunityScore(job.importance, job.satisfaction),
      }))
      .sort((a, b) => b.score - a.score || a.order - b.order);
    lines.push(
      "## Jobs to be done",
      "",
      "| Job | Importance | Satisfaction | Opportunity |",
      "| --- | ---: | ---: | ---: |",
      ...jobs.map(
        ({ job, score }) =>
          `| ${escapeCell(job.statement)} | ${job.importance} | ${job.satisfaction} | ${score} |`,
      ),
      "",
    );
  }
  lines.push(...list("Channels", p.channels));
  if (p.quotes.length > 0) {
    lines.push("## Quotes", "");
    for (const quote of p.quotes) lines.push(`> ${quote.replace(/\r?\n/g, "\n> ")}`, "");
  }
  if (p.keyMetrics.length > 0) {
    lines.push("## Key metrics", "", "| Metric | Value | Target |", "| --- | ---: | ---: |");
    for (const m of p.keyMetrics)
      lines.push(
        `| ${escapeCell(m.name)} | ${m.value === undefined ? "" : escapeCell(String(m.value))} | ${m.target === undefined ? "" : escapeCell(String(m.target))} |`,
      );
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
