"""The code's layout holds: no first-party import cycle and no content → API edge, imports inside functions
included (grimp reads every import statement). pyproject.toml's import contracts say the same to
`lint-imports`, which `make check` runs."""

import grimp
import pytest

PACKAGES = ("hipcontent", "conditions", "faq")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, include_external_packages=False)


def cycles(graph):
    """Every strongly connected set of more than one module (Tarjan), in a stable order."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_the_graph_is_read_with_imports_inside_functions(graph):
    # A control: conditions/models/topic.py reaches FAQs by relation, but the seed loader imports them in
    # its body, and grimp must see imports wherever they stand.
    assert graph.direct_import_exists(importer="conditions.seed", imported="faq.models")
    assert graph.direct_import_exists(importer="hipcontent.apps", imported="hipcontent.api.http.cache")


def test_no_first_party_module_imports_itself_through_others(graph):
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "b", "c", "d"):
        graph.add_module(module)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    graph.add_import(importer="c", imported="d")
    assert cycles(graph) == [["a", "b", "c"]]


def test_content_never_imports_the_project_or_its_api(graph):
    edges = [
        (importer, imported)
        for importer in graph.modules
        if importer.startswith(("conditions", "faq"))
        for imported in graph.find_modules_directly_imported_by(importer)
        if imported.startswith("hipcontent")
    ]
    assert edges == []
