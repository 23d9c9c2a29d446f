// Typed reads of API v3 (schema.org JSON-LD, cursor-paginated lists) with the types openapi-typescript
// generates from openapi/v3.yaml (`make clients` writes them to build/clients/typescript/v3.ts; tsconfig.json
// maps "hipcontent-api/v3" there). Every type comes from `paths`, so a renamed path, parameter or property
// fails `tsc`, not an app.
import type { components, paths } from "hipcontent-api/v3";

type Json<P extends keyof paths> = paths[P]["get"]["responses"][200]["content"]["application/json"];
export type MedicalWebPage = Json<"/api/v3/topics/{slug}/">;
export type ConditionPage = Json<"/api/v3/conditions/">;
export type MedicalCondition = Json<"/api/v3/conditions/{slug}/">;
export type Problem = components["schemas"]["Problem"];
export type ConditionQuery = NonNullable<paths["/api/v3/conditions/"]["get"]["parameters"]["query"]>;

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
  return getJson<MedicalWebPage>(new URL(`/api/v3/topics/${encodeURIComponent(slug)}/`, base));
}

export function fetchConditionPage(base: string, query: ConditionQuery = {}): Promise<ConditionPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  return getJson<ConditionPage>(new URL(`/api/v3/conditions/?${params}`, base));
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
  return getJson<MedicalCondition>(new URL(`/api/v3/conditions/${encodeURIComponent(slug)}/`, base));
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
