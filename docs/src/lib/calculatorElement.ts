/**
 * Browser wiring shared by the calculators of the site (small custom elements, no framework):
 * the form's fields are read from and written to URL parameters so that a calculation can be
 * shared as a link, and the statistics code is loaded only when the calculator scrolls into view
 * (as Astro's `client:visible` does for framework islands).
 *
 * A calculator's parameters carry the prefix in its `data-param-prefix` attribute (`ss.baseline`,
 * `price.seats`), so that several calculators share one page's URL without colliding; a link with
 * the unprefixed name made before the prefixes still opens with its value.
 */

/** Reads the form and writes the results; throws (an `OpsbookError`) for inputs it cannot use. */
export type Calculate = (values: ReadonlyMap<string, string>) => void;

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Sets the text of the element with this `data-testid` inside `root`. */
export function show(root: HTMLElement, testId: string, text: string): void {
  const element = root.querySelector(`[data-testid="${testId}"]`);
  if (element) element.textContent = text;
}

/**
 * Connects a calculator element: fills its fields from the URL, recalculates and updates the URL
 * on every input, and loads `calculate` when the element first becomes visible. The element's
 * `data-state` becomes `ready` after a calculation and `error` when the inputs are invalid, with
 * the reason in its `[data-calculator-status]` element (a polite live region) and the error's
 * `code` (an `OpsbookError` code such as `invalid_input`) in `data-error-code`.
 */
export function connectCalculator(
  root: HTMLElement,
  load: () => Promise<Calculate>,
  clear: () => void,
): void {
  const form = root.querySelector("form");
  const status = root.querySelector<HTMLElement>("[data-calculator-status]");
  if (!form || !status) return;
  const fields = [...form.elements].filter(
    (element): element is Field =>
      element instanceof HTMLInputElement ||
      element instanceof HTMLSelectElement ||
      element instanceof HTMLTextAreaElement,
  );
  const prefix = root.dataset.paramPrefix ?? "";

  const params = new URLSearchParams(window.location.search);
  for (const field of fields) {
    const value = params.get(prefix + field.name) ?? params.get(field.name);
    const allowed =
      !(field instanceof HTMLSelectElement) ||
      [...field.options].some((option) => option.value === value);
    if (value !== null && allowed) field.value = value;
  }

  let calculate: Calculate | undefined;
  const update = () => {
    if (!calculate) return;
    try {
      calculate(new Map(fields.map((field) => [field.name, field.value])));
      status.textContent = "";
      root.dataset.state = "ready";
      delete root.dataset.errorCode;
    } catch (error) {
      clear();
      status.textContent = `${root.dataset.errorPrefix ?? ""} ${(error as Error).message}`;
      root.dataset.state = "error";
      root.dataset.errorCode = String((error as { code?: unknown }).code ?? "error");
    }
  };

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", () => {
    const url = new URL(window.location.href);
    for (const field of fields) {
      url.searchParams.delete(field.name);
      url.searchParams.set(prefix + field.name, field.value);
    }
    window.history.replaceState(window.history.state, "", url);
    update();
  });

  let loading = false;
  const start = () => {
    if (loading) return;
    loading = true;
    load().then((loaded) => {
      calculate = loaded;
      update();
    });
  };
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      start();
    },
    { rootMargin: "200px" },
  );
  observer.observe(root);
}

/** A form value as a number (`NaN` when empty, which the package's validation rejects). */
export function numberOf(values: ReadonlyMap<string, string>, name: string): number {
  const text = values.get(name)?.trim() ?? "";
  return text === "" ? Number.NaN : Number(text);
}
