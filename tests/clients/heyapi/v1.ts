// Typed reads of API v1 through the client @hey-api/openapi-ts generates from openapi/v1.yaml.
// tests/clients/test_typescript_clients.py generates that client into ./generated beside a copy of this
// file, type-checks both with `tsc --strict`, and runs read() against the live service: node's fetch.
import { client } from "./generated/client.gen";
import { conditionsList, conditionsRetrieve, topicsRetrieve } from "./generated";
import type { Condition, PaginatedConditionSummaryList, Problem, Topic } from "./generated";

export async function read(baseUrl: string, topicSlug: string, pageSize: number, apiKey: string) {
  client.setConfig({ baseUrl });

  const topic: Topic | undefined = (await topicsRetrieve({ path: { slug: topicSlug } })).data;
  const page: PaginatedConditionSummaryList | undefined = (
    await conditionsList({ query: { page_size: pageSize } })
  ).data;
  const first = page?.results[0];
  if (topic === undefined || page === undefined || first === undefined) throw new Error("no content");
  const detail = await conditionsRetrieve({ path: { slug: first.slug } });
  const condition: Condition | undefined = detail.data;

  const missing = await conditionsRetrieve({ path: { slug: "no-such-condition" } });
  const problem: Problem | undefined = missing.error;

  // Caching as docs/integrators.md shows it: the ETag sent back is a 304.
  const etag = detail.response?.headers.get("ETag") ?? "";
  const revalidated = await conditionsRetrieve({
    path: { slug: first.slug },
    headers: { "If-None-Match": etag },
  });
  // An app's key: the generated client sends it as X-Api-Key, the security scheme the schema declares.
  const keyed = await topicsRetrieve({ path: { slug: topicSlug }, auth: apiKey });

  return {
    topic: [topic.slug, topic.title],
    conditions: page.results.map((item) => [item.slug, item.name]),
    next: page.next ?? null,
    condition: condition === undefined ? null : [condition.slug, condition.name],
    missing: [missing.response?.status ?? null, problem?.status ?? null],
    revalidated: revalidated.response?.status ?? null,
    keyed: [keyed.response?.status ?? null, keyed.response?.headers.get("RateLimit-Limit") ?? null],
  };
}
