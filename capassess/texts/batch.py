"""The words of the collection template and of a batch run on the terminal, in English
and Chinese. ``group_<name>`` keys label the common group columns (``region``...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from capassess.model.base import Lang

EN: dict[str, str] = {
    "group_region": "Region",
    "group_province": "Province",
    "group_city": "City",
    "group_type": "Type",
    "group_tier": "Tier",
    "group_size": "Size",
    "unit_name": "Unit name",
    "yes": "yes",
    "no": "no",
    "multi_lead": "Any of, comma-separated: ",
    "number": "A number",
    "number_rule": "({thresholds} {values}; {better})",
    "thresholds": "level thresholds",
    "better_higher": "higher is better",
    "better_lower": "lower is better",
    "sheet_id": "Question id",
    "sheet_dimension": "Dimension",
    "sheet_capability": "Capability",
    "sheet_type": "Type",
    "sheet_question": "Question",
    "sheet_values": "Allowed values",
    "sheet_help": "Help",
    "not_allowed": "Not an allowed value. Leave blank if unknown, or write n/a if not "
    "applicable.",
}

ZH: dict[str, str] = {
    "group_region": "区域",
    "group_province": "省份",
    "group_city": "城市",
    "group_type": "类型",
    "group_tier": "层级",
    "group_size": "规模",
    "unit_name": "单位名称",
    "yes": "是",
    "no": "否",
    "multi_lead": "多选,用逗号分隔:",
    "number": "数值",
    "number_rule": "（{thresholds} {values}；{better}）",
    "thresholds": "等级阈值",
    "better_higher": "越高越好",
    "better_lower": "越低越好",
    "sheet_id": "题目编号",
    "sheet_dimension": "维度",
    "sheet_capability": "能力",
    "sheet_type": "题型",
    "sheet_question": "题目",
    "sheet_values": "可填写的值",
    "sheet_help": "说明",
    "not_allowed": "不是允许的值。未知请留空,不适用请填写 n/a。",
}


def group_label(name: str, lang: Lang) -> str:
    """The label of the group column ``name``: the catalogue's word for a common group
    column (``group_<name>``), else the name itself."""
    from capassess.texts import known_or

    return known_or("batch", lang, f"group_{name.strip().casefold()}", name)
