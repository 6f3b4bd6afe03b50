import { describe, expect, it } from "vitest";
import { renderPersonaCard } from "./renderPersonaCard.ts";

describe("renderPersonaCard", () => {
  const card = renderPersonaCard({
    name: "Ops lead",
    summary: "Runs weekly growth reviews.",
    demographics: { role: "operations lead", teamSize: 6 },
    scenarios: ["Monday review"],
    pains: ["Numbers disagree between tools"],
    jobs: [
      { statement: "Explain a drop | fast", importance: 6, satisfaction: 6 },
      { statement: "Find the cause of a drop", importance: 9, satisfaction: 3 },
    ],
    channels: ["Slack"],
    quotes: ["I spend Monday\nreconciling dashboards."],
    keyMetrics: [{ name: "reviews prepared", value: 4, target: 4 }],
  });

  it("puts sections in canvas order and skips empty ones", () => {
    const headings = card.split("\n").filter((l) => l.startsWith("#"));
    expect(headings).toEqual([
      "# Ops lead",
      "## Demographics",
      "## Scenarios",
      "## Pains",
      "## Jobs to be done",
      "## Channels",
      "## Quotes",
      "## Key metrics",
    ]);
  });
  it("sorts jobs by Ulwick opportunity score, highest first, and escapes table pipes", () => {
    const rows = card
      .split("\n")
      .filter((l) => l.startsWith("| ") && !l.startsWith("| Job") && l.includes("drop"));
    expect(rows).toEqual([
      "| Find the cause of a drop | 9 | 3 | 15 |",
      "| Explain a drop \\| fast | 6 | 6 | 6 |",
    ]);
  });
  it("renders demographics, multi-line quotes and metrics", () => {
    expect(card).toContain("- **teamSize:** 6");
    expect(card).toContain("> I spend Monday\n> reconciling dashboards.");
    expect(card).toContain("| reviews prepared | 4 | 4 |");
  });
  it("throws an OpsbookError naming the bad field", () => {
    expect(() =>
      renderPersonaCard({
        name: "x",
        summary: "y",
        jobs: [{ statement: "s", importance: 20, satisfaction: 1 }],
      }),
    ).toThrow(/jobs\[0\]\.importance/);
  });
});
