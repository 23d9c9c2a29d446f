"""The hc: terms v3 uses, each with its domain and range (hipcontent/api/vocabulary.py: a term means the same
in every version, so a term v2 also uses is defined here as it is there; tests/api/v3/test_v3.py compares)."""

from hipcontent.api.vocabulary import Term

# Each hc: term v3 uses: what it means, the schema.org types whose nodes carry it, and its values' type.
# A term means the same in every version (hipcontent/api/vocabulary.py): a new meaning gets a new name.
TERMS = {
    "abbreviation": Term(
        "A short form of the condition's name, as the source gives it.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "painLocation": Term(
        "Where the condition's pain is felt, in the source's words.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "painCharacter": Term(
        "What the condition's pain is like, in the source's words.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "aggravatingFactor": Term(
        "What makes the condition's pain worse, in the source's words.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "associatedSign": Term(
        "A sign that comes with the condition, in the source's words.",
        ("schema:MedicalCondition",),
        "xsd:string",
    ),
    "urgency": Term(
        "How soon to act on a red flag: `emergency` (call emergency services now), `urgent` (be seen today), "
        "`soon` (book an appointment within days), `routine` (mention at the next appointment). Meaningful "
        "only when hc:urgencyAssessed is true: until a clinical reviewer sets an urgency it holds `soon`, "
        "which apps must not show.",
        ("schema:MedicalSignOrSymptom",),
        "xsd:string",
    ),
    "urgencyAssessed": Term(
        "Whether a clinical reviewer has set the red flag's urgency; false: it is not assessed.",
        ("schema:MedicalSignOrSymptom",),
        "xsd:boolean",
    ),
    "urgencyClaim": Term(
        "Where the red flag's urgency comes from; null while not assessed.",
        ("schema:MedicalSignOrSymptom",),
        "schema:Claim",
    ),
    "actionClaim": Term(
        "Where a red flag's action (what to do) comes from.", ("schema:MedicalSignOrSymptom",), "schema:Claim"
    ),
    "professionalClaim": Term(
        "Where a red flag's professionals (hc:professional, whom to see) come from.",
        ("schema:MedicalSignOrSymptom",),
        "schema:Claim",
    ),
    "targetAnatomy": Term(
        "An anatomical structure a treatment is given into or around (e.g. injections into the hip joint).",
        ("schema:MedicalTherapy",),
        "schema:AnatomicalStructure",
    ),
    "targetAnatomyClaim": Term(
        "Where each of a treatment's hc:targetAnatomy links comes from: a Claim `about` the structure.",
        ("schema:MedicalTherapy",),
        "schema:Claim",
    ),
    "appliesWhen": Term(
        "The situation the source names a red flag in, in its words (e.g. persistent buttock pain); null "
        "if none.",
        ("schema:MedicalSignOrSymptom",),
        "xsd:string",
    ),
    "basis": Term(
        "Where a claim comes from: `source` (the cited source states it; `text` quotes it verbatim) or "
        "`editorial` (an editor's structuring, which a clinical reviewer confirms).",
        ("schema:Claim",),
        "xsd:string",
    ),
    "qualifier": Term(
        'When or how far a claim holds (e.g. "advanced"); null if always.', ("schema:Claim",), "xsd:string"
    ),
    "categoryClaim": Term(
        "Where a treatment's category comes from.", ("schema:MedicalTherapy",), "schema:Claim"
    ),
    "orderOfCareClaim": Term(
        "Where a treatment's order of care comes from.", ("schema:MedicalTherapy",), "schema:Claim"
    ),
    "codeSetRelease": Term(
        'The code set release a code was checked in, e.g. "FY2026"; null if unknown.',
        ("schema:MedicalCode",),
        "xsd:string",
    ),
    "codeKind": Term(
        "`billable`, or `category` (a header whose more specific codes are billable).",
        ("schema:MedicalCode",),
        "xsd:string",
    ),
    "codeMatch": Term(
        "How a code matches the condition: `exact`, `broader` or `component` (one of the conditions it "
        "encompasses).",
        ("schema:MedicalCode",),
        "xsd:string",
    ),
    "claim": Term("Where a code comes from.", ("schema:MedicalCode",), "schema:Claim"),
    "linkClaim": Term(
        "Where each of a condition's links to a mechanism, anatomical structure, treatment or red flag comes "
        "from, and when it holds: a Claim `about` the linked item.",
        ("schema:MedicalCondition",),
        "schema:Claim",
    ),
    "linkProperty": Term(
        "The property of the condition that holds the item a link claim is `about`, as the property's IRI "
        "(hc:mechanism, schema:associatedAnatomy, schema:possibleTreatment or schema:signOrSymptom): the "
        "claim is about the triple (condition, property, item).",
        ("schema:Claim",),
        "rdf:Property",
    ),
    "conditionRelation": Term(
        "A condition's typed relations to other conditions, each a Claim about the other (`about`).",
        ("schema:MedicalCondition",),
        "schema:Claim",
    ),
    "relation": Term(
        "How a condition relates to the other, read from its side: is_a_form_of (inverse has_form), "
        "can_lead_to (can_result_from), can_contribute_to (can_be_contributed_to_by), tell_apart_from.",
        ("schema:Claim",),
        "xsd:string",
    ),
    "topicClaim": Term(
        "Where the topic's source names the item, in its section.", ("schema:Thing",), "schema:Claim"
    ),
    "reviewState": Term(
        "`not_yet_clinically_reviewed` until a clinical reviewer approves the item; show it.",
        ("schema:Thing",),
        "xsd:string",
    ),
    "action": Term(
        "What a person who notices the red flag should do.", ("schema:MedicalSignOrSymptom",), "xsd:string"
    ),
    "professional": Term(
        "A kind of healthcare professional to see about the red flag (an Occupation).",
        ("schema:MedicalSignOrSymptom",),
        "schema:Occupation",
    ),
    "category": Term(
        "The kind of treatment: diagnostic, self_care, medication, rehabilitation, interventional, surgical.",
        ("schema:MedicalTherapy",),
        "xsd:string",
    ),
    "orderOfCare": Term(
        "The treatment's place in the order of care among its siblings (1 comes first).",
        ("schema:MedicalTherapy",),
        "xsd:integer",
    ),
    "function": Term(
        "What an anatomical structure does, where the source says so.",
        ("schema:AnatomicalStructure",),
        "xsd:string",
    ),
    "nextReviewDue": Term(
        "When the item's clinical review falls due again (schema.org has lastReviewed only).",
        ("schema:Thing",),
        "xsd:date",
    ),
    "accessed": Term("When a cited source was last read.", ("schema:CreativeWork",), "xsd:date"),
    "anatomySection": Term(
        "The topic's section on anatomy: heading, intro and structures.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "mechanismSection": Term(
        "The topic's section on how the pain arises.", ("schema:MedicalWebPage",), "schema:WebPageElement"
    ),
    "conditionSection": Term(
        "The topic's section on the conditions that cause it.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "differentialSection": Term(
        "The topic's section on other causes to tell apart.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "caution": Term(
        "The caution the topic shows after the causes.", ("schema:MedicalWebPage",), "xsd:string"
    ),
    "redFlagSection": Term(
        "The topic's section on when to seek professional guidance.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "treatmentSection": Term(
        "The topic's section on management and treatment.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "conclusion": Term("The topic's concluding paragraph.", ("schema:MedicalWebPage",), "xsd:string"),
    "keyTakeaways": Term(
        "The topic's key takeaways (an ItemList of text), in order.",
        ("schema:MedicalWebPage",),
        "schema:ItemList",
    ),
    "faqSection": Term(
        "The topic's frequently asked questions, in order.",
        ("schema:MedicalWebPage",),
        "schema:WebPageElement",
    ),
    "next": Term(
        "The URL of the following page of a list; null on the last page.",
        ("schema:ItemList",),
        "schema:ItemList",
    ),
    "previous": Term(
        "The URL of the preceding page of a list; null on the first page.",
        ("schema:ItemList",),
        "schema:ItemList",
    ),
    "cursor": Term(
        "Pass as `since` to the changes feed to continue after this change.", ("schema:Action",), "xsd:string"
    ),
    "kind": Term(
        "What happened to the item: created, updated, unpublished or deleted.",
        ("schema:Action",),
        "xsd:string",
    ),
    "nextCursor": Term(
        "Pass as `since` to the changes feed next time; the same if nothing changed.",
        ("schema:ItemList",),
        "xsd:string",
    ),
    "hasMore": Term("Whether more changes follow right away.", ("schema:ItemList",), "xsd:boolean"),
    "rank": Term(
        "How well a search hit matches: higher is better. Compare within one search only.",
        ("schema:Thing",),
        "xsd:double",
    ),
    "snippet": Term(
        "Some of the matching text of a search hit, as plain text.", ("schema:Thing",), "xsd:string"
    ),
    "topics": Term(
        "Every published topic, as its detail serves it.", ("schema:Dataset",), "schema:MedicalWebPage"
    ),
    "conditions": Term(
        "Every published condition, as its detail serves it.", ("schema:Dataset",), "schema:MedicalCondition"
    ),
    "mechanisms": Term(
        "Every published mechanism, as its detail serves it.", ("schema:Dataset",), "schema:MedicalEntity"
    ),
    "anatomy": Term(
        "Every published anatomical structure, as its detail serves it.",
        ("schema:Dataset",),
        "schema:AnatomicalStructure",
    ),
    "redFlags": Term(
        "Every published red flag, as its detail serves it.",
        ("schema:Dataset",),
        "schema:MedicalSignOrSymptom",
    ),
    "treatments": Term(
        "Every published treatment, as its detail serves it.", ("schema:Dataset",), "schema:MedicalTherapy"
    ),
    "faqs": Term("Every published FAQ, as its detail serves it.", ("schema:Dataset",), "schema:Question"),
    # New in v3: the nodes of links, and properties schema.org has only for other types.
    "TopicRole": Term(
        "How a topic discusses a condition: a node of the link, so that the role stays with the link and "
        "never becomes a fact about the topic or the condition.",
        kind="rdfs:Class",
        subclass_of="schema:Intangible",
    ),
    "topicRole": Term(
        "A topic that discusses the condition, and in which role (an hc:TopicRole).",
        ("schema:MedicalCondition",),
        "hc:TopicRole",
    ),
    "topic": Term("The topic of a link.", ("hc:TopicRole",), "schema:MedicalWebPage"),
    "conditionRole": Term(
        "Why a topic discusses a condition: `cause` (a cause the topic is about) or `differential` (another "
        "cause to tell apart); on the link: the topic's ListItem, or the condition's hc:TopicRole.",
        ("schema:ListItem", "hc:TopicRole"),
        "xsd:string",
    ),
    "mechanism": Term(
        "How the condition produces the pain: a mechanism (schema.org's pathophysiology is text).",
        ("schema:MedicalCondition",),
        "schema:MedicalEntity",
    ),
    "parentStructure": Term(
        "The larger anatomical structure this one is part of (schema.org's isPartOf is for creative works).",
        ("schema:AnatomicalStructure",),
        "schema:AnatomicalStructure",
    ),
    "parentTherapy": Term(
        "The treatment this one is part of (schema.org's isPartOf is for creative works).",
        ("schema:MedicalTherapy",),
        "schema:MedicalTherapy",
    ),
    "subTherapy": Term(
        "The treatment's parts, in the order of care (a JSON-LD list).",
        ("schema:MedicalTherapy",),
        "schema:MedicalTherapy",
    ),
    "linkedCondition": Term(
        "A published condition that links this item as its mechanism, treatment or red flag (schema.org's "
        "relatedCondition is for anatomy only).",
        ("schema:MedicalEntity", "schema:MedicalTherapy", "schema:MedicalSignOrSymptom"),
        "schema:MedicalCondition",
    ),
    "topicList": Term(
        "The first page of the API's topics (the index's `topics`).", ("schema:WebAPI",), "schema:ItemList"
    ),
    "conditionList": Term(
        "The first page of the API's conditions (the index's `conditions`).",
        ("schema:WebAPI",),
        "schema:ItemList",
    ),
    "mechanismList": Term(
        "The first page of the API's mechanisms (the index's `mechanisms`).",
        ("schema:WebAPI",),
        "schema:ItemList",
    ),
    "anatomyList": Term(
        "The first page of the API's anatomy (the index's `anatomy`).", ("schema:WebAPI",), "schema:ItemList"
    ),
    "redFlagList": Term(
        "The first page of the API's red flags (the index's `red-flags`).",
        ("schema:WebAPI",),
        "schema:ItemList",
    ),
    "treatmentList": Term(
        "The first page of the API's treatments (the index's `treatments`).",
        ("schema:WebAPI",),
        "schema:ItemList",
    ),
    "faqList": Term(
        "The first page of the API's faqs (the index's `faqs`).", ("schema:WebAPI",), "schema:ItemList"
    ),
}

# The index's keys (the collections' URL prefixes) and the hc: term each stands for.
INDEX_TERMS = {
    "topics": "hc:topicList",
    "conditions": "hc:conditionList",
    "mechanisms": "hc:mechanismList",
    "anatomy": "hc:anatomyList",
    "red-flags": "hc:redFlagList",
    "treatments": "hc:treatmentList",
    "faqs": "hc:faqList",
}
