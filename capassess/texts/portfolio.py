"""The words of the portfolio report and the collection template, in English and Chinese."""

from __future__ import annotations

EN: dict[str, str] = {
    "portfolio": "Portfolio report",
    "colon": ": ",
    "po": " (",
    "pc": ")",
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
    "not_assessed": "not assessed",
    "mean": "Mean",
    "median": "Median",
    "q1": "Q1",
    "q3": "Q3",
    "min": "Min",
    "max": "Max",
    "level": "Level",
    "units_per_level": "Units per level",
    "league": "League table",
    "league_unassessed": "† n after an overall score: the unit did not assess n capabilities "
    "(no question answered), and its scores count them at the missing policy's value; its "
    "rank rests on that too, not only on its answers.",
    "league_text": "The {top} highest and lowest ranked units; the full table is in scores.csv "
    "and scores.xlsx.",
    "all_units": "All ranked units.",
    "top": "Top",
    "bottom": "Bottom",
    "top_n": "Top {n}",
    "bottom_n": "Bottom {n}",
    "rank": "Rank",
    "closeness": "Closeness",
    "def_closeness_text": "under TOPSIS ranking, what decides the rank: the unit's distance "
    "to the worst unit over its distances to the best and the worst (0 to 1, higher is "
    "better), over the capability scores weighted as the ranking weights say; a capability "
    "the unit answered n/a takes that capability's mean over the units, and one it left "
    "blank counts at the missing policy's value, as in its score",
    "unit": "Unit",
    "name": "Name",
    "group": "Group",
    "overall": "Overall",
    "heatmap": "Capability heat map against target",
    "heatmap_cut": "Showing the {shown} highest and lowest of {total} groups.",
    "rollups": "Roll-up by {group}",
    "few_units": "‡ fewer units than {n}: the figures are those units' own scores, too few "
    "to stand for the {group}; such groups come after the others.",
    "dimension_means": "Mean score per dimension",
    "heat_group_text": "Each capability in each {group} (units under the name) against its "
    "target: the mean score and, below it, the share of units under the target. The colour "
    "and symbol come from the mean gap of the units to the target and that share.",
    "heat_decile_text": "Each capability in each tenth of the units, ranked by overall score "
    "(units under the range), against its target: the mean score and, below it, the share "
    "of units under the target. The colour and symbol come from the mean gap of the units "
    "to the target and that share.",
    "heat_met": "at target (mean gap under 0.25, at most 1 unit in 10 below target)",
    "heat_near": "mean gap under 1 level, not at target",
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
    "column_named": "{name}",
    "missing_lowest": "an unanswered question counts as the lowest answer (s = 0)",
    "missing_exclude": "unanswered questions are left out of the unit's scores",
    "missing_error": "a unit with an unanswered question is rejected",
    "rank_score": "by overall score, highest first",
    "rank_topsis": "by TOPSIS closeness to the ideal unit over the capability scores, "
    "highest first",
    "weights_model": "the questionnaire's weights",
    "weights_entropy": "entropy weights: capabilities whose scores differ more across the "
    "units weigh more",
    "weights_blend": "{alpha} × the questionnaire's weights + {rest} × entropy weights",
    "definitions": "Definitions",
    "def_score": "Score",
    "def_level": "Level, L1–L5",
    "def_level_text": "the whole part of a score (1 to 5); L1 to L5 count the units at each level",
    "def_na": "n/a",
    "def_na_text": "units without a score for that part: every question of it answered n/a "
    "or, where missing answers are left out, unanswered",
    "def_quartiles": "Min, Q1, Median, Q3, Max",
    "def_quartiles_text": "over the units with a score: the lowest score, the scores a "
    "quarter, half and three quarters of the units reach or stay below (linear "
    "interpolation), and the highest",
    "def_target_text": "the capability's default target level in the questionnaire",
    "def_below_text": "the share of units whose score is under the target",
    "def_gap_text": "each unit's shortfall to the target, max(0, target − score), averaged "
    "over the units with a score",
    "def_weight_text": "the capability's weight in the ranking, as a share of all weights",
    "assessed_of": "{assessed:,} of {units:,} assessed",
    "assessed_short": "{assessed:,}/{units:,} assessed",
    "def_assessed": "n of N assessed (n/N assessed in the heat map)",
    "def_assessed_text": "a capability's figures (mean, median, below target, gap, heat-map "
    "cells, peer comparison) count only the n units that assessed it, that is answered at "
    "least one of its questions, out of the N units scored; a unit that left every "
    "question of it blank or n/a has not assessed it, whatever score the missing policy "
    "gave it in scores.csv. Shown where n is under N",
    "holds_unassessed": "Scores that count a capability the unit did not assess, at the "
    "missing policy's value: {nodes}",
    "holds_sep": "; ",
    "def_holds": "Overall, dimension and group figures",
    "def_holds_text": "the units' own scores, as in scores.csv and the unit reports: a "
    "capability a unit did not assess counts in them at the value the missing policy "
    "gives it ({missing}); the distribution says how many units' scores hold one",
}

ZH: dict[str, str] = {
    "portfolio": "网点组合报告",
    "colon": "：",
    "po": "（",
    "pc": "）",
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
    "duplicates": "重复编号（已拒收）",
    "ignored_cells": "忽略的无效单元格（宽松模式）",
    "inputs": "输入文件",
    "input": "输入",
    "kind": "类型",
    "encoding": "编码",
    "unknown_columns": "未知列（已忽略）",
    "distribution": "得分分布",
    "distribution_text": "箱体：中间一半单位（四分位）；竖线：中位数；菱形：平均值；"
    "须线：最低与最高。",
    "node": "得分",
    "count": "单位数",
    "na": "不适用",
    "not_assessed": "未评估",
    "mean": "平均",
    "median": "中位数",
    "q1": "下四分位",
    "q3": "上四分位",
    "min": "最低",
    "max": "最高",
    "level": "等级",
    "units_per_level": "各等级单位数",
    "league": "排行榜",
    "league_unassessed": "总分后的 † n：该单位有 n 项能力未评估（无一题作答），"
    "其得分按缺失答案规则的取值计入这些能力；其排名也受此影响，而不仅取决于其作答。",
    "league_text": "排名前 {top} 与后 {top} 的单位；完整排名见 scores.csv 与 scores.xlsx。",
    "all_units": "全部参与排名的单位。",
    "top": "前列",
    "bottom": "末位",
    "top_n": "前{n}名",
    "bottom_n": "后{n}名",
    "rank": "排名",
    "closeness": "贴近度",
    "def_closeness_text": "按TOPSIS排名时决定名次的数值：该单位到最差单位的距离"
    "除以其到最优与最差单位的距离之和（0至1，越高越好），按排名权重对各能力得分加权计算；"
    "单位作答为不适用的能力取该能力在各单位中的均值，未作答的能力按缺失回答规则计分，"
    "与其得分一致",
    "unit": "编号",
    "name": "名称",
    "group": "分组",
    "overall": "总体",
    "heatmap": "能力达标热力图",
    "heatmap_cut": "共 {total} 个分组，显示最高与最低的 {shown} 个。",
    "rollups": "按{group}汇总",
    "few_units": "‡ 单位数少于 {n} 个：这些数字只是这几个单位自身的得分，不足以代表该{group}的"
    "整体水平；此类分组排在其他分组之后。",
    "dimension_means": "各维度平均得分",
    "heat_group_text": "各能力在每个{group}（名称下为单位数）与目标的对比：显示平均得分，"
    "其下为低于目标的单位占比。颜色与符号按各单位距目标的平均差距及该占比确定。",
    "heat_decile_text": "按总体得分排序后，各能力在每十分之一单位（区间下为单位数）与目标的对比："
    "显示平均得分，其下为低于目标的单位占比。颜色与符号按各单位距目标的平均差距及该占比确定。",
    "heat_met": "达到目标（平均差距小于 0.25 级，且低于目标的单位不超过十分之一）",
    "heat_near": "平均差距小于一级，未达到目标",
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
    "column_named": "“{name}”",
    "missing_lowest": "未作答的题目按最低答案计分（s = 0）",
    "missing_exclude": "未作答的题目不计入该单位的得分",
    "missing_error": "有未作答题目的单位不予评分，计入拒收",
    "rank_score": "按总体得分从高到低",
    "rank_topsis": "按各能力得分与理想单位的TOPSIS贴近度从高到低",
    "weights_model": "问卷的权重",
    "weights_entropy": "熵权：各单位得分差异越大的能力权重越高",
    "weights_blend": "{alpha} × 问卷权重 + {rest} × 熵权",
    "definitions": "指标定义",
    "def_score": "得分",
    "def_level": "等级、L1—L5",
    "def_level_text": "得分的整数部分（1—5）；L1—L5为处于各等级的单位数",
    "def_na": "不适用",
    "def_na_text": "该部分没有得分的单位：其全部题目均回答“不适用”，或在缺失答案不计入时均未作答",
    "def_quartiles": "最低、下四分位、中位数、上四分位、最高",
    "def_quartiles_text": "在有得分的单位中：最低分；四分之一、一半、四分之三的单位达到或低于的得分"
    "（线性插值）；最高分",
    "def_target_text": "问卷中该能力的默认目标等级",
    "def_below_text": "得分低于目标的单位占比",
    "def_gap_text": "每个单位距目标的差距max(0, 目标 − 得分)在有得分单位中的平均值",
    "def_weight_text": "该能力在排名中的权重占全部权重的比例",
    "assessed_of": "{units:,} 个单位中 {assessed:,} 个已评估",
    "assessed_short": "已评估 {assessed:,}/{units:,}",
    "def_assessed": "N个单位中n个已评估（热力图中为“已评估 n/N”）",
    "def_assessed_text": "能力的各项数字（平均、中位数、低于目标、差距、热力图单元格、同业对比）"
    "只计入已评估该能力的n个单位，即至少回答了其一道题目的单位；N为计分的单位数。"
    "全部题目留空或回答“不适用”的单位未评估该能力，无论缺失答案规则在scores.csv中给它什么得分。"
    "n少于N时显示",
    "holds_unassessed": "计入了单位未评估能力（按缺失答案规则取值）的得分：{nodes}",
    "holds_sep": "；",
    "def_holds": "总体、维度与分组数字",
    "def_holds_text": "即各单位自身的得分，与scores.csv及单位报告相同：单位未评估的能力"
    "按缺失答案规则的取值（{missing}）计入；得分分布注明有多少单位的得分含此类能力",
}


PEERS_EN: dict[str, str] = {
    "peers": "Against the peer benchmark",
    "peers_text": "Each unit against its peer group of the benchmark pack {pack} "
    "({ref}); groups: {groups}. Percentile: the share of the peer group's distribution at "
    "or below the unit's score, interpolated between the pack's 10/25/50/75/90th "
    "percentiles; each unit's ranks are in peers.csv.",
    "peers_illustrative": "Illustrative pack: made-up assessments, for demonstration only.",
    "peers_unplaced": "Units with no peer group in the pack, not compared: {n}.",
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

EN.update(PEERS_EN)
ZH.update(PEERS_ZH)
