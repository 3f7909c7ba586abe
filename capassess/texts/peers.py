"""The words of the report's peer section (against a benchmark pack), in English and
Chinese."""

from __future__ import annotations

EN: dict[str, str] = {
    "title": "Peer benchmark",
    "intro": "Where the bank stands among {count} peers in group \u201c{group}\u201d of the "
    "benchmark pack {pack} ({ref}{assessed}).",
    "assessed": ", assessed {first} to {last}",
    "illustrative": "Illustrative pack: made-up assessments, for demonstration only; "
    "these are not real banks' results.",
    "node": "Dimension / capability",
    "score": "Score",
    "median": "Peer median",
    "iqr": "Peer middle half (p25–p75)",
    "percentile": "Percentile",
    "overall": "Overall",
    "numbers": "Figures answered, against peers",
    "question": "Question",
    "answer": "Answer",
    "disclosed": "Published figures",
    "figure": "Figure",
    "source": "Source",
    "definition": "Percentile: the share of the peer group's distribution at or below "
    "the score, interpolated linearly between the pack's 10th, 25th, 50th, 75th and "
    "90th percentiles (numpy's default 'linear' method); <10 and >90 lie outside them. "
    "The pack keeps groups and nodes of at least {k} units only.",
}

ZH: dict[str, str] = {
    "title": "同业对标",
    "intro": "本行在对标数据包 {pack}（{ref}{assessed}）“{group}”组 {count} 家同业中的位置。",
    "assessed": "，评估时间 {first} 至 {last}",
    "illustrative": "示意数据包：虚构的评估结果，仅供演示，并非真实银行的数据。",
    "node": "维度 / 能力",
    "score": "得分",
    "median": "同业中位数",
    "iqr": "同业中间一半（p25–p75）",
    "percentile": "百分位",
    "overall": "总分",
    "numbers": "数值题答案与同业对比",
    "question": "问题",
    "answer": "答案",
    "disclosed": "公开披露数据",
    "figure": "数值",
    "source": "出处",
    "definition": "百分位：同业组得分分布中不高于本行得分的比例，按数据包的第 10、25、50、"
    "75、90 百分位（numpy 默认的 linear 方法）线性插值；<10 和 >90 表示在此范围之外。"
    "数据包只保留至少 {k} 家单位的组和节点。",
}
