"""A findings report as a single HTML page an editor can open (no scripts, no outside resources)."""

from __future__ import annotations

from html import escape

from healthpress.model.findings import Finding, Level

STYLE = """body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem;color:#1a1a1a}
h1{color:#083a66}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem;text-align:left;
vertical-align:top}th{background:#f3f7fb}.error td:first-child{color:#b3261e;font-weight:700}
.warning td:first-child{color:#6b4e00}code{word-break:break-all}"""


def render_report_html(findings: list[Finding], site_name: str) -> str:
    """Errors first, then warnings; each row says where, what and how to fix it."""
    errors = [f for f in findings if f.level is Level.ERROR]
    warnings = [f for f in findings if f.level is Level.WARNING]
    rows = "\n".join(
        f'<tr class="{f.level.value}"><td>{"错误" if f.level is Level.ERROR else "警告"}</td>'
        f"<td><code>{escape(f.path)}{'' if f.line is None else ':' + str(f.line)}</code></td>"
        f"<td>{escape(f.field or '')}</td><td>{escape(f.message)}</td><td>{escape(f.fix)}</td></tr>"
        for f in errors + warnings)
    summary = f"{len(errors)} 个错误，{len(warnings)} 个警告" if findings else "没有发现问题"
    return (f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(site_name)} 网站检查报告</title><style>{STYLE}</style></head><body>"
            f"<h1>{escape(site_name)} 网站检查报告</h1><p>{summary}。</p>"
            + (f"<table><thead><tr><th>级别</th><th>位置</th><th>字段</th><th>问题</th><th>改法</th></tr></thead>"
               f"<tbody>{rows}</tbody></table>" if findings else "")
            + "</body></html>\n")
