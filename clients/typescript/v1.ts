// Typed reads of API v1 with the types openapi-typescript generates from openapi/v1.yaml (`make clients`
// writes them to build/clients/typescript/v1.ts; tsconfig.json maps "hipcontent-api/v1" there).
// Every type comes from `paths`, so a renamed path, parameter or field fails `tsc`, not an app.
import type { components, paths } from "hipcontent-api/v1";

type Json<P extends keyof paths> = paths[P]["get"]["responses"][200]["content"]["application/json"];
export type Topic = Json<"/api/v1/topics/{slug}/">;
export type ConditionPage = Json<"/api/v1/conditions/">;
export type Condition = Json<"/api/v1/conditions/{slug}/">;
export type Problem = components["schemas"]["Problem"];
export type ConditionQuery = NonNullable<paths["/api/v1/conditions/"]["get"]["parameters"]["query"]>;

async function getJson<T>(base: string, path: string, apiKey?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (apiKey !== undefined) headers["X-Api-Key"] = apiKey;
  const response = await fetch(new URL(path, base), { headers });
  if (!response.ok) {
    // Errors are RFC 9457 problem documents: `title`, `status`, `detail`, and `errors` per bad parameter.
    const problem = (await response.json()) as Problem;
    throw new Error(`${problem.status} ${problem.title}: ${problem.detail}`);
  }
  return (await response.json()) as T;
}

export function fetchTopic(base: string, slug: string): Promise<Topic> {
  return getJson<Topic>(base, `/api/v1/topics/${encodeURIComponent(slug)}/`);
}

export function fetchConditionPage(base: string, query: ConditionQuery = {}): Promise<ConditionPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  return getJson<ConditionPage>(base, `/api/v1/conditions/?${params}`);
}

export function fetchCondition(base: string, slug: string): Promise<Condition> {
  return getJson<Condition>(base, `/api/v1/conditions/${encodeURIComponent(slug)}/`);
}

// What an app does: the article, the causes it links, and one of them in full.
export async function example(base: string): Promise<string[]> {
  const topic = await fetchTopic(base, "hip-pain-buttock-discomfort");
  const page = await fetchConditionPage(base, { topic: topic.slug, role: "cause", page_size: 5 });
  const first = page.results[0];
  if (first === undefined) return [topic.title];
  const condition = await fetchCondition(base, first.slug);
  const codes = condition.codes.map((code) => `${code.system}:${code.code}`);
  return [topic.title, `${page.count} causes`, condition.name, ...codes, page.next ?? "last page"];
}
