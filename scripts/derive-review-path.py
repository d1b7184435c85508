#!/usr/bin/env python3
"""Derives the shared review path and the three thin nomination parents from the version-1 nomination flowcharts.

    python3 scripts/derive-review-path.py                     # reads workflows/archive/green-*-nomination.v1.json
    python3 scripts/derive-review-path.py F.json P.json S.json  # reads these three (factory, park, supply chain)

The three inputs must hold the same flowchart apart from their ids (the script refuses otherwise and names the first
difference). It writes workflows/nomination-review-path.json (the common flowchart with fresh ids derived from the old
ones, so the output is the same on every run) and workflows/green-{factory,park,supply-chain}-nomination.json (a start
node and the path used as an activity, pinned to the path's version). A file whose content is unchanged is not
rewritten, so the start-up importer does not take an untouched file for a newer one.
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKFLOWS = os.path.join(ROOT, "workflows")
TYPES = [
    ("green-factory-nomination", "绿色工厂申报", "GreenFactory", "绿色工厂"),
    ("green-park-nomination", "绿色工业园区申报", "GreenPark", "绿色工业园区"),
    ("green-supply-chain-nomination", "绿色供应链管理企业申报", "GreenSupplyChain", "绿色供应链管理企业"),
]
PATH_ID = "nomination-review-path"
PATH_VERSION = 1
PATH_VERSION_ID = f"{PATH_ID}-v{PATH_VERSION}"
PATH_NAME = "申报审核路径"  # Elsa's type name of the path used as an activity: the name in PascalCase (unchanged for Chinese)
PARENT_VERSION = 2
CREATED_AT = "2026-12-03T00:00:00+00:00"
INPUTS = [
    # name, display name, description: what the path reads from the nomination (the parents pass their own input on)
    ("applicantName", "申报单位", "任务标题中的企业或园区名称。"),
    ("targetTier", "申报层级", "City、Province 或 National：决定市级公示或市级推荐、省级评审后是否进入国家级评审。"),
    ("onSiteChecklist", "现场核查表", "本类申报现场核查逐项填写的核查表（JSON 数组，每项 {\"code\",\"text\",\"required\"}）；各类申报的核查内容不同，在各自的父流程上填写。"),
]
# Inputs the parents set themselves (a literal per nomination type) rather than passing their own workflow input on.
PER_TYPE_INPUTS = {"onSiteChecklist"}
# The activity inputs that differ per nomination type in the version-1 flowcharts, lifted into the path's inputs:
# (activity input name, path input name).
LIFTED = [("checklist", "onSiteChecklist")]


def new_id(seed):
    return hashlib.sha256(f"{PATH_ID}:{seed}".encode()).hexdigest()[:16]


def ids_of(node, found=None):
    """Every "id" below node (activities, the flowchart itself), in order of appearance, each once."""
    found = {} if found is None else found
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            found.setdefault(node["id"], len(found))
        for value in node.values():
            ids_of(value, found)
    elif isinstance(node, list):
        for value in node:
            ids_of(value, found)
    return found


def replace_ids(root, replacement, indent=None):
    """The flowchart as JSON text with every id, also inside node ids ("Workflow1:root:activity"), replaced."""
    text = json.dumps(root, ensure_ascii=False, indent=indent)
    for old, order in sorted(ids_of(root).items(), key=lambda kv: -len(kv[0])):
        text = text.replace(old, replacement(old, order))
    return text


def shape(root):
    """The flowchart with its ids replaced by their order of appearance (what must be equal across the three types)."""
    return replace_ids(root, lambda old, order: f"#{order}", indent=1).splitlines()


def remap(root):
    """The flowchart with every id replaced by one derived from it."""
    return json.loads(replace_ids(root, lambda old, order: new_id(old)))


def expression(value, kind="JavaScript", type_name="String"):
    return {"typeName": type_name, "expression": {"type": kind, "value": value}, "memoryReference": None}


def lift(root):
    """Takes the per-type activity inputs (LIFTED) out of the flowchart: the path reads its own input there instead.
    Returns the lifted literal values by path input name."""
    lifted = {}
    for activity in root.get("activities", []):
        for input_name, path_input in LIFTED:
            if input_name in activity:
                if path_input in lifted:
                    sys.exit(f"「{path_input}」在流程中出现多次，无法提取为路径输入。")
                lifted[path_input] = activity[input_name]
                activity[input_name] = expression(f"getInput('{path_input}')", type_name=activity[input_name].get("typeName", "Object"))
    return lifted


def review_path(v1_factory):
    root = remap(v1_factory["root"])
    root["name"] = "Flowchart1"
    return {
        "$schema": v1_factory["$schema"],
        "id": PATH_VERSION_ID,
        "definitionId": PATH_ID,
        "name": PATH_NAME,
        "description": "三类申报共用的审核路径：市级评审（可退回修改、区县重新提交）→ 现场核查 → 市级公示/市级推荐（名额内）→ "
                       "省级评审与公示 → 国家级评审与 15 天公示。在此修改一次，绿色工厂、绿色工业园区、绿色供应链管理企业的新申报都会采用。",
        "createdAt": CREATED_AT,
        "version": PATH_VERSION,
        "toolVersion": v1_factory.get("toolVersion", "3.8.0.0"),
        "variables": [],
        "inputs": [
            {"type": "String", "name": n, "displayName": d, "description": desc, "category": "申报",
             "uiHint": "multiline" if n in PER_TYPE_INPUTS else "singleline",
             "storageDriverType": None, "isArray": False}
            for n, d, desc in INPUTS
        ],
        "outputs": [],
        "outcomes": [],
        "customProperties": {},
        "isReadonly": False,
        "isSystem": False,
        "isLatest": True,
        "isPublished": True,
        "options": {
            "activationStrategyType": None,
            "usableAsActivity": True,
            "autoUpdateConsumingWorkflows": True,
            "activityCategory": "绿色制造申报",
            "incidentStrategyType": None,
            "commitStrategyName": None,
        },
        "root": root,
    }


def thin_parent(v1, definition_id, name, type_code, label, lifted):
    root_id = new_id(f"{definition_id}:root")
    start_id = new_id(f"{definition_id}:start")
    path_node_id = new_id(f"{definition_id}:path")
    node = {
        "id": path_node_id,
        "nodeId": f"Workflow1:{root_id}:{path_node_id}",
        "name": "ReviewPath1",
        "type": PATH_NAME,
        "version": PATH_VERSION,
        "workflowDefinitionId": PATH_ID,
        "workflowDefinitionVersionId": PATH_VERSION_ID,
        "latestAvailablePublishedVersion": PATH_VERSION,
        "latestAvailablePublishedVersionId": PATH_VERSION_ID,
    }
    for input_name, _, _ in INPUTS:
        if input_name in PER_TYPE_INPUTS:
            value = lifted.get(input_name)
            node[input_name] = {"typeName": "String", "expression": {"type": "Literal", "value": value["expression"]["value"] if value else ""},
                                "memoryReference": None}
        else:
            node[input_name] = expression(f"getInput('{input_name}')")
    node["customProperties"] = {"canStartWorkflow": False, "runAsynchronously": False}
    node["metadata"] = {"designer": {"position": {"x": 320, "y": 0}, "size": {"width": 220, "height": 60}}, "displayText": f"{label}：申报审核路径"}
    return {
        "$schema": v1["$schema"],
        "id": f"{definition_id}-v{PARENT_VERSION}",
        "definitionId": definition_id,
        "name": name,
        "description": f"{label}：区县推荐后进入共享的「申报审核路径」（市级评审、退回修改、现场核查、市级公示/推荐、省级与国家级评审）。",
        "createdAt": CREATED_AT,
        "version": PARENT_VERSION,
        "toolVersion": v1.get("toolVersion", "3.8.0.0"),
        "variables": [],
        "inputs": [],
        "outputs": [],
        "outcomes": [],
        "customProperties": {"nominationType": type_code},
        "isReadonly": False,
        "isSystem": False,
        "isLatest": True,
        "isPublished": True,
        "options": dict(v1["options"]),
        "root": {
            "id": root_id,
            "nodeId": f"Workflow1:{root_id}",
            "name": "Flowchart1",
            "type": "Elsa.Flowchart",
            "version": 1,
            "customProperties": {},
            "metadata": {},
            "variables": [],
            "activities": [
                {
                    "id": start_id,
                    "nodeId": f"Workflow1:{root_id}:{start_id}",
                    "name": "Start1",
                    "type": "Elsa.Start",
                    "version": 1,
                    "customProperties": {"canStartWorkflow": False, "runAsynchronously": False},
                    "metadata": {"designer": {"position": {"x": 0, "y": 0}, "size": {"width": 220, "height": 60}}, "displayText": "区县已推荐"},
                },
                node,
            ],
            "connections": [
                {"source": {"activity": start_id, "port": "Done"}, "target": {"activity": path_node_id, "port": "In"}, "vertices": []},
            ],
        },
    }


def write(path, document):
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            try:
                same = json.load(f) == document
            except ValueError:  # e.g. a merge left conflict markers in it
                same = False
        if same:
            print(f"unchanged {os.path.relpath(path, ROOT)}")
            return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote     {os.path.relpath(path, ROOT)}")


def main(argv):
    sources = argv[1:] or [os.path.join(WORKFLOWS, "archive", f"{d}.v1.json") for d, *_ in TYPES]
    if len(sources) != 3:
        sys.exit("需要三个文件：绿色工厂、绿色工业园区、绿色供应链管理企业的第 1 版流程。")
    v1s = []
    for source in sources:
        with open(source, encoding="utf-8") as f:
            v1s.append(json.load(f))
    lifted = [lift(v1["root"]) for v1 in v1s]
    first = shape(v1s[0]["root"])
    for source, v1 in zip(sources[1:], v1s[1:]):
        other = shape(v1["root"])
        for i, (a, b) in enumerate(zip(first, other)):
            if a != b:
                sys.exit(f"{source} 的流程与 {sources[0]} 不同（规范化后第 {i + 1} 行）：\n  {a.strip()}\n  {b.strip()}\n请先让三个文件只在 id 和名称上不同。")
        if len(first) != len(other):
            sys.exit(f"{source} 的流程与 {sources[0]} 长度不同。")
    for (definition_id, *_), source, v1 in zip(TYPES, sources, v1s):
        if v1.get("definitionId") != definition_id:
            sys.exit(f"{source} 应为 {definition_id} 的流程，却是 {v1.get('definitionId')}（顺序：绿色工厂、绿色工业园区、绿色供应链管理企业）。")
    write(os.path.join(WORKFLOWS, f"{PATH_ID}.json"), review_path(v1s[0]))
    for (definition_id, name, type_code, label), v1, values in zip(TYPES, v1s, lifted):
        write(os.path.join(WORKFLOWS, f"{definition_id}.json"), thin_parent(v1, definition_id, v1.get("name") or name, type_code, label, values))


if __name__ == "__main__":
    main(sys.argv)
