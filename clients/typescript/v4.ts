// Typed reads of API v4 (schema.org JSON-LD, cursor-paginated lists) with the types openapi-typescript
// generates from openapi/v4.yaml (`make clients` writes them to build/clients/typescript/v4.ts; tsconfig.json
// maps "hipcontent-api/v4" there). Every type comes from `paths`, so a renamed path, parameter or property
// fails `tsc`, not an app.
import type { components, paths } from "hipcontent-api/v4";

type Json<P extends keyof paths> = paths[P]["get"]["responses"][200]["content"]["application/json"];
export type MedicalWebPage = Json<"/api/v4/topics/{slug}/">;
export type ConditionPage = Json<"/api/v4/conditions/">;
export type MedicalCondition = Json<"/api/v4/conditions/{slug}/">;
export type Problem = components["schemas"]["Problem"];
export type ConditionQuery = NonNullable<paths["/api/v4/conditions/"]["get"]["parameters"]["query"]>;

async function getJson<T>(url: string | URL, apiKey?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (apiKey !== undefined) headers["X-Api-Key"] = apiKey;
  const response = await fetch(url, { headers });
  if (!response.ok) {
    // Errors are RFC 9457 problem documents in every version.
    const problem = (await response.json()) as Problem;
    throw new Error(`${problem.status} ${problem.title}: ${problem.detail}`);
  }
  return (await response.json()) as T;
}

export function fetchTopic(base: string, slug: string): Promise<MedicalWebPage> {
  return getJson<MedicalWebPage>(new URL(`/api/v4/topics/${encodeURIComponent(slug)}/`, base));
}

export function fetchConditionPage(base: string, query: ConditionQuery = {}): Promise<ConditionPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  return getJson<ConditionPage>(new URL(`/api/v4/conditions/?${params}`, base));
}

// Lists are cursor-paginated: follow `next` as given (the cursor inside it is opaque).
export async function* allConditions(base: string, query: ConditionQuery = {}) {
  let page = await fetchConditionPage(base, query);
  for (;;) {
    yield* page.itemListElement;
    if (page.next === null) return;
    page = await getJson<ConditionPage>(page.next);
  }
}

// Every item's `@id` is the URL of its own document.
export function fetchCondition(base: string, slug: string): Promise<MedicalCondition> {
  return getJson<MedicalCondition>(new URL(`/api/v4/conditions/${encodeURIComponent(slug)}/`, base));
}

// What an app does: the article, the causes it links, and one of them in full.
export async function example(base: string): Promise<string[]> {
  const page = await fetchTopic(base, "hip-pain-buttock-discomfort");
  const causes = await fetchConditionPage(base, { topic: page.identifier, role: "cause", page_size: 5 });
  const first = causes.itemListElement[0];
  if (first === undefined) return [page.name];
  const condition = await getJson<MedicalCondition>(first["@id"]);
  const codes = condition.code.map((code) => `${code.codingSystem}:${code.codeValue}`);
  return [page.name, condition["@type"], condition.name, ...codes, causes.next ?? "last page"];
}

// A red flag's urgency in v4 (hc:assessedUrgency): the switch must handle every value the schema lists, so
// a red flag no clinical reviewer has assessed is shown as such, never as an urgency.
export type RedFlag = Json<"/api/v4/red-flags/{slug}/">;
export type Urgency = components["schemas"]["UrgencyWithNotAssessedEnum"];

export function urgencyText(urgency: Urgency): string {
  switch (urgency) {
    case "not_assessed":
      return "Urgency not yet assessed by a clinician";
    case "emergency":
      return "Emergency: call emergency services now";
    case "urgent":
      return "Urgent: be seen today";
    case "soon":
      return "Soon: book an appointment within days";
    case "routine":
      return "Routine: mention at the next appointment";
    default: {
      const unknown: never = urgency; // a value added to the enum fails tsc here
      return unknown;
    }
  }
}

export async function redFlagUrgency(base: string, slug: string): Promise<string> {
  const flag = await getJson<RedFlag>(new URL(`/api/v4/red-flags/${encodeURIComponent(slug)}/`, base));
  return `${flag.name}: ${urgencyText(flag["hc:assessedUrgency"])}`;
}
