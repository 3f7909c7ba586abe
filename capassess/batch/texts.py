"""The words of the portfolio report and the collection template, in English and Chinese."""

from __future__ import annotations

from capassess.model.base import Lang

EN: dict[str, str] = {
    "portfolio": "Portfolio report",
    "units": "units",
    "generated": "Generated",
    "questionnaire": "Questionnaire",
    "contents": "Contents",
    "page_of": "Page {page} of {pages}",
    "overview": "Overview",
    "rows_read": "Rows read",
    "scored": "Scored",
    "rejected": "Rejected",
    "blank": "Blank rows skipped",
    "duplicates": "Duplicate ids (rejected)",
    "ignored_cells": "Invalid cells ignored (lenient)",
    "inputs": "Inputs",
    "input": "Input",
    "kind": "Kind",
    "encoding": "Encoding",
    "unknown_columns": "Unknown columns (ignored)",
    "distribution": "Distribution of scores",
    "distribution_text": "Box: middle half of the units (quartiles); bar: median; diamond: mean; "
    "whiskers: lowest and highest.",
    "node": "Score",
    "count": "Units",
    "na": "n/a",
    "mean": "Mean",
    "median": "Median",
    "q1": "Q1",
    "q3": "Q3",
    "min": "Min",
    "max": "Max",
    "level": "Level",
    "units_per_level": "Units per level",
    "league": "League table",
    "league_text": "The {top} highest and lowest ranked units; the full table is in scores.csv "
    "and scores.xlsx.",
    "all_units": "All ranked units.",
    "top": "Top",
    "bottom": "Bottom",
    "rank": "Rank",
    "unit": "Unit",
    "name": "Name",
    "group": "Group",
    "overall": "Overall",
    "heatmap": "Capability heat map against target",
    "heatmap_cut": "Showing the {shown} highest and lowest of {total} groups.",
    "rollups": "Roll-up by {group}",
    "dimension_means": "Mean score per dimension",
    "heat_group_text": "Each capability in each {group} (units under the name) against its "
    "target: the mean score and, below it, the share of units under the target. The colour "
    "and symbol come from the mean gap of the units to the target.",
    "heat_decile_text": "Each capability in each tenth of the units, ranked by overall score "
    "(units under the range), against its target: the mean score and, below it, the share "
    "of units under the target. The colour and symbol come from the mean gap of the units "
    "to the target.",
    "heat_met": "at target (mean gap under 0.25)",
    "heat_near": "mean gap under 1 level",
    "heat_far": "mean gap of 1 level or more",
    "heat_na": "no score",
    "weakest": "Weakest capabilities across the portfolio",
    "weakest_text": "Capabilities by how far the units are from target, farthest first. Below "
    "target: the share of units whose score is under the capability's default target; mean "
    "gap: each unit's shortfall to the target (zero for a unit at or above it), averaged over "
    "the units.",
    "capability": "Capability",
    "dimension": "Dimension",
    "target": "Target",
    "below_target": "Below target",
    "gap": "Mean gap",
    "weight": "Weight",
    "method": "Method",
    "model": "Scoring model",
    "missing_policy": "Missing answers",
    "rank_method": "Ranking",
    "weights": "Ranking weights",
    "criterion_weights": "Weight of each capability in the ranking",
    "chart_spread": "Spread of scores per dimension",
    "chart_spread_desc": "Box plots of the overall and each dimension's scores on the 1-5 scale.",
    "chart_histogram": "Units by overall score",
    "chart_histogram_desc": "Number of units in each half-point band of overall score.",
    "footer": "capassess batch portfolio report",
}

ZH: dict[str, str] = {
    "portfolio": "网点组合报告",
    "units": "个单位",
    "generated": "生成日期",
    "questionnaire": "问卷",
    "contents": "目录",
    "page_of": "第 {page} 页，共 {pages} 页",
    "overview": "概况",
    "rows_read": "读取行数",
    "scored": "已评分",
    "rejected": "已拒收",
    "blank": "跳过的空行",
    "duplicates": "重复编号(已拒收)",
    "ignored_cells": "忽略的无效单元格(宽松模式)",
    "inputs": "输入文件",
    "input": "输入",
    "kind": "类型",
    "encoding": "编码",
    "unknown_columns": "未知列(已忽略)",
    "distribution": "得分分布",
    "distribution_text": "箱体:中间一半单位(四分位);竖线:中位数;菱形:平均值;须线:最低与最高。",
    "node": "得分",
    "count": "单位数",
    "na": "不适用",
    "mean": "平均",
    "median": "中位数",
    "q1": "下四分位",
    "q3": "上四分位",
    "min": "最低",
    "max": "最高",
    "level": "等级",
    "units_per_level": "各等级单位数",
    "league": "排行榜",
    "league_text": "排名前 {top} 与后 {top} 的单位;完整排名见 scores.csv 与 scores.xlsx。",
    "all_units": "全部参与排名的单位。",
    "top": "前列",
    "bottom": "末位",
    "rank": "排名",
    "unit": "编号",
    "name": "名称",
    "group": "分组",
    "overall": "总体",
    "heatmap": "能力达标热力图",
    "heatmap_cut": "共 {total} 个分组，显示最高与最低的 {shown} 个。",
    "rollups": "按{group}汇总",
    "dimension_means": "各维度平均得分",
    "heat_group_text": "各能力在每个{group}（名称下为单位数）与目标的对比：显示平均得分，"
    "其下为低于目标的单位占比。颜色与符号按各单位距目标的平均差距确定。",
    "heat_decile_text": "按总体得分排序后，各能力在每十分之一单位（区间下为单位数）与目标的对比："
    "显示平均得分，其下为低于目标的单位占比。颜色与符号按各单位距目标的平均差距确定。",
    "heat_met": "达到目标（平均差距小于 0.25 级）",
    "heat_near": "平均差距小于一级",
    "heat_far": "平均差距一级及以上",
    "heat_na": "无得分",
    "weakest": "全行最薄弱的能力",
    "weakest_text": "按各单位与目标的差距从大到小排列。低于目标：得分低于该能力默认目标的单位占比；"
    "平均差距：每个单位距目标的差距（达到或超过目标的单位计为零）的平均值。",
    "capability": "能力",
    "dimension": "维度",
    "target": "目标",
    "below_target": "低于目标",
    "gap": "平均差距",
    "weight": "权重",
    "method": "方法",
    "model": "评分模型",
    "missing_policy": "缺失答案",
    "rank_method": "排名方法",
    "weights": "排名权重",
    "criterion_weights": "各能力在排名中的权重",
    "chart_spread": "各维度得分分布",
    "chart_spread_desc": "总体及各维度得分在 1-5 分上的箱线图。",
    "chart_histogram": "按总体得分统计的单位数",
    "chart_histogram_desc": "每半分区间内的单位数量。",
    "footer": "capassess 批量评估组合报告",
}


PEERS_EN: dict[str, str] = {
    "peers": "Against the peer benchmark",
    "peers_text": "Each unit against its peer group of the benchmark pack {pack} "
    "({ref}); groups: {groups}. Percentile: the share of the peer group's distribution at "
    "or below the unit's score, interpolated between the pack's 10/25/50/75/90th "
    "percentiles; each unit's ranks are in peers.csv.",
    "peers_illustrative": "Illustrative pack: made-up assessments, for demonstration only.",
    "peers_unplaced": "{n} units have no peer group in the pack and are not compared.",
    "peer_median": "Peer median",
    "portfolio_median": "Portfolio median",
    "compared": "Units compared",
    "median_percentile": "Median percentile",
    "below_peer_median": "Under peer median",
}
PEERS_ZH: dict[str, str] = {
    "peers": "与同业对标",
    "peers_text": "每个单位与对标数据包 {pack}（{ref}）中其同业组的对比；组：{groups}。"
    "百分位：同业组得分分布中不高于该单位得分的比例，按数据包的第 10、25、50、75、90 "
    "百分位插值；各单位的百分位见 peers.csv。",
    "peers_illustrative": "示意数据包：虚构的评估结果，仅供演示。",
    "peers_unplaced": "{n} 个单位在数据包中没有同业组，未作对比。",
    "peer_median": "同业中位数",
    "portfolio_median": "本行中位数",
    "compared": "参与对比单位",
    "median_percentile": "百分位中位数",
    "below_peer_median": "低于同业中位数",
}


def portfolio_strings(lang: Lang) -> dict[str, str]:
    """The portfolio report's words in ``lang``."""
    return {**ZH, **PEERS_ZH} if lang == "zh" else {**EN, **PEERS_EN}
