// Typed reads of API v4 through the client @hey-api/openapi-ts generates from openapi/v4.yaml.
// tests/clients/test_typescript_clients.py generates that client into ./generated beside a copy of this
// file, type-checks both with `tsc --strict`, and runs read() against the live service: node's fetch.
import { client } from "./generated/client.gen";
import { conditionsList, conditionsRetrieve, redFlagsRetrieve, topicsRetrieve } from "./generated";
import type {
  MedicalCondition,
  MedicalWebPage,
  MedicalSignOrSymptom,
  PaginatedMedicalConditionSummaryList,
  Problem,
  UrgencyWithNotAssessedEnum,
} from "./generated";

export async function read(
  baseUrl: string,
  topicSlug: string,
  pageSize: number,
  apiKey: string,
  redFlagSlug: string,
) {
  client.setConfig({ baseUrl });

  const topic: MedicalWebPage | undefined = (await topicsRetrieve({ path: { slug: topicSlug } })).data;
  const page: PaginatedMedicalConditionSummaryList | undefined = (
    await conditionsList({ query: { page_size: pageSize } })
  ).data;
  const first = page?.itemListElement[0];
  if (topic === undefined || page === undefined || first === undefined) throw new Error("no content");
  const detail = await conditionsRetrieve({ path: { slug: first.identifier } });
  const condition: MedicalCondition | undefined = detail.data;

  const missing = await conditionsRetrieve({ path: { slug: "no-such-condition" } });
  const problem: Problem | undefined = missing.error;

  // Caching as docs/integrators.md shows it: the ETag sent back is a 304.
  const etag = detail.response?.headers.get("ETag") ?? "";
  const revalidated = await conditionsRetrieve({
    path: { slug: first.identifier },
    headers: { "If-None-Match": etag },
  });
  // An app's key: the generated client sends it as X-Api-Key, the security scheme the schema declares.
  const keyed = await topicsRetrieve({ path: { slug: topicSlug }, auth: apiKey });
  // v4's one change: a red flag's urgency says when no clinical reviewer has assessed it.
  const flag: MedicalSignOrSymptom | undefined = (await redFlagsRetrieve({ path: { slug: redFlagSlug } })).data;
  const urgency: UrgencyWithNotAssessedEnum | null = flag === undefined ? null : flag["hc:assessedUrgency"];

  return {
    topic: [topic.identifier, topic.name],
    conditions: page.itemListElement.map((item) => [item.identifier, item.name]),
    next: page.next,
    condition: condition === undefined ? null : [condition.identifier, condition.name],
    missing: [missing.response?.status ?? null, problem?.status ?? null],
    revalidated: revalidated.response?.status ?? null,
    keyed: [keyed.response?.status ?? null, keyed.response?.headers.get("RateLimit-Limit") ?? null],
    urgency: [flag?.identifier ?? null, urgency, urgency === "not_assessed"],
  };
}
