"""JSON Schemas of the files capassess reads."""

from __future__ import annotations

import json

from pydantic import BaseModel

from capassess.model.answers import Assessment
from capassess.model.benchmark import BenchmarkPack
from capassess.model.matrix import AhpMatrix
from capassess.model.questionnaire import Questionnaire
from capassess.model.target import TargetFile

MODELS: dict[str, type[BaseModel]] = {
    "questionnaire": Questionnaire,
    "answers": Assessment,
    "target": TargetFile,
    "matrix": AhpMatrix,
    "benchmark": BenchmarkPack,
}


def schema_json(kind: str) -> str:
    """The JSON Schema of ``kind`` as indented JSON."""
    schema = MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"capassess {kind} file"
    return json.dumps(schema, ensure_ascii=False, indent=2)
