/**
 * The Van Westendorp tool: pasted answers (four prices per respondent) analysed by `vanWestendorp`
 * of @opsbook/pricing, and the four curves as SVG paths for the island's light chart.
 */
import { OpsbookError } from "@opsbook/core";
import { type VanWestendorpResult, vanWestendorp } from "@opsbook/pricing";
import { numberCell, tableLines, withLine } from "./toolsInput.ts";

/** The four answers, in the order a respondent gives them. */
export const vanWestendorpQuestions = ["tooCheap", "cheap", "expensive", "tooExpensive"] as const;

/** One respondent's four prices. */
export type VanWestendorpAnswer = Record<(typeof vanWestendorpQuestions)[number], number>;

/** Reads one respondent per line: too cheap, cheap, expensive, too expensive. */
export function parseVanWestendorpAnswers(text: string): {
  answers: VanWestendorpAnswer[];
  lines: number[];
} {
  const rows = tableLines(text);
  const answers = rows.map(({ line, cells }) => {
    if (cells.length !== 4) {
      throw new OpsbookError(
        "invalid_input",
        `line ${line}: expected four prices (too cheap, cheap, expensive, too expensive), received ${cells.length}`,
        ["answers", line],
      );
    }
    const [tooCheap, cheap, expensive, tooExpensive] = vanWestendorpQuestions.map((question, i) =>
      numberCell(cells[i], question, line),
    ) as [number, number, number, number];
    return { tooCheap, cheap, expensive, tooExpensive };
  });
  return { answers, lines: rows.map((row) => row.line) };
}

/** The tool's inputs as typed: the pasted answers and the two options of `vanWestendorp`. */
export interface VanWestendorpToolInputs {
  answers: string;
  convention: "pricesensitivitymeter" | "blog";
  intersection: "min" | "linear";
}

/** Analyses the pasted answers; errors from the package name the line of the respondent. */
export function calculateVanWestendorp(inputs: VanWestendorpToolInputs): VanWestendorpResult {
  const { answers, lines } = parseVanWestendorpAnswers(inputs.answers);
  try {
    return vanWestendorp(answers, {
      convention: inputs.convention,
      intersection: inputs.intersection,
    });
  } catch (error) {
    throw withLine(error, (index) => lines[index]);
  }
}

/** Size of the chart's drawing area inside its viewBox (`0 0 320 180`). */
const chart = { left: 34, right: 312, top: 8, bottom: 152 };

/** The chart's x position of a price, on a scale from the lowest to the highest price answered. */
export function priceScale(result: VanWestendorpResult): (price: number) => number {
  const prices = result.curves.map((point) => point.price);
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  const span = high - low || 1;
  return (price) => chart.left + ((price - low) / span) * (chart.right - chart.left);
}

/**
 * SVG path data of the four curves as step functions (empirical distributions change only at an
 * answered price), on shares from 0 (bottom) to 1 (top).
 */
export function curvePaths(
  result: VanWestendorpResult,
): Record<(typeof vanWestendorpQuestions)[number], string> {
  const x = priceScale(result);
  const y = (share: number) => chart.bottom - share * (chart.bottom - chart.top);
  const path = (key: (typeof vanWestendorpQuestions)[number]) =>
    result.curves
      .map((point, i) => {
        const px = x(point.price).toFixed(1);
        const py = y(point[key]).toFixed(1);
        return i === 0 ? `M${px},${py}` : `H${px}V${py}`;
      })
      .join("");
  return {
    tooCheap: path("tooCheap"),
    cheap: path("cheap"),
    expensive: path("expensive"),
    tooExpensive: path("tooExpensive"),
  };
}
