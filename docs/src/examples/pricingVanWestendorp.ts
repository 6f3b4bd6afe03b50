import { vanWestendorp } from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";

// The sample product's pricing survey: each respondent's four prices, in cents.
const { survey } = generateProduct({ seed: 42 });
const dollars = (price: { amount: number }) => price.amount / 100;
const answers = survey.map((r) => ({
  tooCheap: dollars(r.tooCheap),
  cheap: dollars(r.cheap),
  expensive: dollars(r.expensive),
  tooExpensive: dollars(r.tooExpensive),
}));

// The convention of the R package pricesensitivitymeter (the default):
// the four curves, the acceptable range [PMC, PME], and the IDP and OPP inside it.
export const research = vanWestendorp(answers);

// The range most survey tools and blog posts show, from the same answers.
export const blog = vanWestendorp(answers, { convention: "blog" });
