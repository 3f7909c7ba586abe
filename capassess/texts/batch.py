"""The words of the collection template and of a batch run on the terminal, in English
and Chinese. ``group_<name>`` keys label the common group columns (``region``...).

A batch run speaks its ``--lang``: the terminal summary, the warnings, the exit message
and the reasons in rejected.csv (those tables are in ``texts.batch_reasons``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.texts import batch_reasons

if TYPE_CHECKING:
    from capassess.model.base import Lang

EN: dict[str, str] = {
    "new_folder": "created the output folder {folder}",
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
    "not_allowed": "Not an allowed value. Leave blank if unknown, or write n/a if not applicable.",
    "progress_rows": "{task.fields[rows]:,} rows",
    "reading": "reading {path}{share}: rows {rows:,}",
    "share": " ({share:.0%})",
    "writing": "writing scores and reports...",
    "warning": "warning: {text}",
    "rows_read": "rows read {rows:,} = scored {scored:,} + rejected {rejected:,}",
    "duplicates": "{n:,} duplicate id rows",
    "blank": "blank rows skipped: {n:,}",
    "ignored_cells": "invalid cells ignored: {n:,}",
    "extra": "  ({items})",
    "extra_sep": "; ",
    "time": "time {seconds:.2f} s",
    "groups_clash": "batch would refuse this sheet once filled in ({reasons}): give each "
    "--group a name of its own, not id, name or a question id (in any case or width), nor "
    "a dimension or capability id or a result column such as overall or rank",
    "sheet_suffix_other": "-o {output} names a {named} file, but -f is {fmt}: give -o a "
    "name ending in .{fmt}, or leave -f out",
    "sheet_suffix_unknown": "cannot tell the sheet format from {output!r}: give -f csv or "
    "xlsx, or a file ending in .csv or .xlsx",
    **batch_reasons.EN,
}

ZH: dict[str, str] = {
    "new_folder": "已新建输出文件夹 {folder}",
    "group_region": "区域",
    "group_province": "省份",
    "group_city": "城市",
    "group_type": "类型",
    "group_tier": "层级",
    "group_size": "规模",
    "unit_name": "单位名称",
    "yes": "是",
    "no": "否",
    "multi_lead": "多选，用逗号分隔：",
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
    "not_allowed": "不是允许的值。未知请留空，不适用请填写 n/a。",
    "progress_rows": "{task.fields[rows]:,} 行",
    "reading": "正在读取 {path}{share}：{rows:,} 行",
    "share": "（{share:.0%}）",
    "writing": "正在写入评分与报告……",
    "warning": "警告：{text}",
    "rows_read": "读取 {rows:,} 行 = 已评分 {scored:,} + 已拒收 {rejected:,}",
    "duplicates": "重复编号 {n:,} 行",
    "blank": "跳过空行 {n:,} 行",
    "ignored_cells": "忽略无效单元格 {n:,} 个",
    "extra": "  （{items}）",
    "extra_sep": "；",
    "time": "用时 {seconds:.2f} 秒",
    "groups_clash": "这张采集表填好后会被 batch 拒收（{reasons}）：请为每个 --group 另起列名，"
    "不能是 id、name 或题目编号（大小写、全角半角不同也不行），也不能是维度或能力编号，"
    "或 overall、rank 等结果列",
    "sheet_suffix_other": "-o {output} 是 {named} 文件名，但 -f 为 {fmt}：请让 -o 以 .{fmt} 结尾，"
    "或不写 -f",
    "sheet_suffix_unknown": "无法从 {output!r} 判断采集表格式：请用 -f csv 或 -f xlsx，"
    "或让文件名以 .csv 或 .xlsx 结尾",
    **batch_reasons.ZH,
}


def group_label(name: str, lang: Lang) -> str:
    """The label of the group column ``name``: the catalogue's word for a common group
    column (``group_<name>``), else the name itself."""
    from capassess.texts import known_or

    return known_or("batch", lang, f"group_{name.strip().casefold()}", name)
