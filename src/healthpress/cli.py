"""`healthpress build | check | serve | new | stats | report | wechat | fix-encoding`: the commands editors and CI run."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import re
import signal
import socket
import sys
import traceback
from pathlib import Path

from healthpress.cliwords import chinese_argparse
from healthpress.engine import choice
from healthpress.engine.configwords import config_problem
from healthpress.model.findings import Level, sort_findings
from healthpress.model.publication import build_moment
from healthpress.model.oswords import os_reason, write_problem
from healthpress.storage.files import RefusedTarget, export_refusal


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with chinese_argparse():  # help, usage and every argparse error in Chinese
        args = _parser(argv).parse_args(argv)
    try:
        choice.use_engine()  # before anything imports the engine: $HEALTHPRESS_ENGINE may name ProperDocs
        build_moment()  # a SOURCE_DATE_EPOCH that is no moment: said before any command reads the project
    except (ValueError, RuntimeError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    handlers = {"build": _build, "check": _check, "serve": _serve, "new": _new, "fix-encoding": _fix_encoding,
                "stats": _stats, "report": _report, "wechat": _wechat}
    try:
        code = handlers[args.command](args)
        sys.stdout.flush()  # buffered output meets a full disk or a closed pipe here
        return code
    except (Exception, KeyboardInterrupt) as exc:  # every command ends in one Chinese line (_failed)
        return _failed(exc, args.config_file)


def _parser(argv: list[str]) -> argparse.ArgumentParser:
    """The command line: every command, option and help text in Chinese (argparse's own words: cliwords)."""
    parser = argparse.ArgumentParser(prog="healthpress", description="卫生健康宣传网站生成工具")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="配置文件",
                        help="站点配置文件（默认 mkdocs.yml）；写在命令名前后都可以")
    commands = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令",
                                     help="下面的命令之一，如 healthpress build；每个命令的说明：healthpress 命令 -h")
    build = commands.add_parser("build", help="检查并生成整个网站")
    build.add_argument("--strict", action="store_true", help="有警告也视为失败")
    build.add_argument("--timings", metavar="文件", help="生成后把各阶段用时（秒）写入这个 JSON 文件，供排查生成慢的原因")
    build.add_argument("--wait", metavar="秒数", type=_seconds,
                       help="另一次生成正在使用 site/ 时最多等多少秒（默认用 mkdocs.yml 的 lock_timeout，1800 秒；0 为不等）")
    check = commands.add_parser("check", help="做生成时的全部检查（文章、栏目、数据文件、链接、图片），不生成网站")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="text：给人看的清单（默认）；json：给 CI 和编辑工具用的 JSON")
    check.add_argument("--compliance", action="store_true",
                       help="按政府网站检查指标检查：栏目更新、空白栏目、页脚标识、领导姓名、规范用语、已生成网站里的链接、"
                            "倒签的发布日期（按提交历史）")
    check.add_argument("--external", action="store_true", help="同时检查外部链接（需要联网）")
    check.add_argument("--report", metavar="文件", help="另存一份网页版报告（如 check.html；文件夹要已经存在）")
    serve = commands.add_parser("serve", help="本地预览（含草稿，带标记），修改后自动刷新")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="地址",
                       help="预览用的 主机:端口（默认 127.0.0.1:8000）")
    new = commands.add_parser("new", help="新建一篇文章", add_help=False,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    new.add_argument("-h", "--help", action=_NewHelp, argv=argv, help="显示这份说明（含所有栏目编号），然后退出")
    new.add_argument("column", metavar="栏目编号", help="文章所在的栏目，如 health-weekly（见下面的列表）")
    new.add_argument("title", metavar="标题", help="文章标题")
    new.add_argument("--force", action="store_true",
                     help="这个栏目里已有同名文件（同一标题）时仍然新建，文件名加 -2、-3")
    stats = commands.add_parser("stats", help="各单位、各联络员的供稿统计")
    stats.add_argument("--period", metavar="期间",
                       help="统计期间：2013、2013Q2 或 2013-05（不写时统计今年；今年还没有稿件时统计有稿件的最近一年）")
    stats.add_argument("--csv", action="store_true", help="输出 CSV（可用 Excel 打开）")
    report = commands.add_parser("report", help="导出政府网站工作年度报表或政府信息公开工作年度报告（Excel 或 CSV）")
    report.add_argument("kind", choices=["website", "disclosure"], metavar="报表",
                        help="website：政府网站工作年度报表；disclosure：政府信息公开工作年度报告")
    report.add_argument("--year", type=_year, metavar="年度", help="哪一年，如 2025（不写时为上一个已结束的年度）")
    report.add_argument("--xlsx", metavar="文件", type=_workbook, help="写成 Excel 表格（.xlsx，Excel 和 WPS 都能打开）")
    report.add_argument("--csv", metavar="文件", type=Path, help="写成 CSV 文件（UTF-8，可用 Excel 打开）")
    wechat = commands.add_parser("wechat", help="把一篇文章导出为微信公众号用的正文、封面和摘要",
                                 description="把一篇文章导出为微信公众号用的正文（带格式的 HTML，图片用网站上的完整网址）、"
                                             "封面图片和摘要（120 字以内）。默认写进项目的 wechat/<别名>/ 文件夹："
                                             "用浏览器打开其中的 preview.html，全选、复制，粘贴到公众号的编辑器里。")
    wechat.add_argument("article", metavar="文章", help="文章文件，如 content/health-weekly/gaoxueya-richang-guanli.md")
    wechat.add_argument("-o", "--output", metavar="文件夹",
                        help="写到这个文件夹（默认 wechat/<别名>/）；写 - 时把正文 HTML 直接输出到屏幕，不写文件")
    for command in (build, check, serve, new, stats, report, wechat):  # `healthpress build -f other.yml` too
        command.add_argument("-f", "--config-file", default=argparse.SUPPRESS, metavar="配置文件",
                             help="站点配置文件（默认 mkdocs.yml），相对于当前文件夹")
    fix = commands.add_parser("fix-encoding", help="把 GBK/GB18030/UTF-16 文件转换为 UTF-8（保留备份）")
    fix.add_argument("paths", nargs="+", type=Path, metavar="文件", help="要转换的文章文件，可以写多个")
    return parser


def _year(text: str) -> int:
    """`--year`'s value: a year such as 2025."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"“{text}”不是年度：写 2000 到 2100 之间的四位数年份，如 2025")
    return int(text)


def _workbook(text: str) -> Path:
    """`--xlsx`'s value: a file name ending in .xlsx (Excel and WPS refuse a workbook named otherwise); a
    folder is let through, to be told it is one."""
    path = Path(text)
    if path.suffix.lower() != ".xlsx" and not path.is_dir():
        raise argparse.ArgumentTypeError(f"“{text}”的文件名要以 .xlsx 结尾（Excel 和 WPS 才能打开），"
                                         f"如 {path.with_suffix('.xlsx').name if path.name else '年报.xlsx'}")
    return path


def _seconds(text: str) -> float:
    """`--wait`'s value: a number of seconds, 0 or more."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(f"“{text}”不是秒数：写 0 或正数，如 60")
    return seconds


class _NewHelp(argparse.Action):
    """`new --help`: the help, then every column of the project (columns/) with its title."""

    def __init__(self, option_strings, dest, argv: list[str], help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)
        self.argv = argv

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        parser.epilog = _columns_help(_config_file_in(self.argv))
        parser.print_help()
        parser.exit()


def _config_file_in(argv: list[str]) -> str:
    """The -f given (mkdocs.yml if none), for a help text read before the command line is."""
    given = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    given.add_argument("-f", "--config-file", default="mkdocs.yml")
    try:
        return given.parse_known_args(argv)[0].config_file
    except argparse.ArgumentError:
        return "mkdocs.yml"


def _columns_help(config_file: str) -> str:
    """The project's columns as `new --help` lists them, or how to find them when they cannot be read."""
    columns: dict = {}
    try:
        choice.use_engine()
        from healthpress.engine.internals import engine_logger

        logger, disabled = engine_logger(), engine_logger().disabled
        logger.disabled = True  # no MkDocs line while it reads the settings: the help is all there is
        try:
            _, columns = _project_columns(config_file)
        finally:
            logger.disabled = disabled
    except Exception:
        pass
    if not columns:
        return ("栏目编号就是栏目文件名（不含 .yml），如 columns/health-weekly.yml 的栏目编号是 health-weekly。"
                f"（没能从 {config_file} 读出栏目：在网站项目的文件夹里运行，或者用 -f 指明配置文件。）")
    width = max(len(column.id) for column in columns.values()) + 2
    lines = [f"  {column.id:<{width}}{column.title}" + ("（期刊：自动填下一期的期号）" if column.kind == "periodical" else "")
             for column in columns.values()]
    return "栏目编号（columns/ 里的栏目）：\n" + "\n".join(lines)


def _project_columns(config_file: str):
    """(MkDocs' settings, the columns by id) of the project `config_file` names."""
    from healthpress.engine.settings import load_settings

    from healthpress.build.project import plugin_options
    from healthpress.build.projectpaths import project_dir_of
    from healthpress.model.columns import load_columns

    config = load_settings(config_file)
    options = plugin_options(config, Path(config_file))
    columns, _ = load_columns(project_dir_of(config) / options.columns_dir, options.columns_dir)
    return config, columns


def _build(args) -> int:
    """Every way a build can end says so in Chinese, without a traceback (HEALTHPRESS_DEBUG=1 shows one
    for an error healthpress did not expect); the Build itself leaves the published site as it was."""
    from mkdocs.commands.build import build
    from healthpress.engine.settings import load_settings
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    from jinja2 import TemplateError

    from healthpress.build.project import ProjectError, plugin_options
    from healthpress.engine.configwords import ConfigWarnings
    from healthpress.engine.internals import engine_logger
    from healthpress.engine.templatewords import template_problem

    _setup_logging(args.config_file)
    if args.timings and (refusal := export_refusal(Path(args.timings))) is not None:  # told now, not after the build
        print(write_problem(args.timings, refusal) + "。", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _terminate)  # so the Build lets go of its folders and locks (below)
    config = None
    counted = ConfigWarnings()
    try:
        engine_logger().addHandler(counted)
        try:
            config = load_settings(args.config_file, strict=args.strict)
        finally:
            engine_logger().removeHandler(counted)
        options = plugin_options(config, Path(args.config_file))  # a plain MkDocs site is not this tool's
        config.plugins["healthpress"].config_warnings = counted.count
        if args.timings:
            options.timings = str(Path(args.timings).resolve())
        if args.wait is not None:
            options.lock_timeout = args.wait
        build(config)
    except ProjectError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:
        published = _abandon(config)
        print(f"生成已中断，但中断时新的网站已经换上：{published.name}/ 是这次生成的结果，已经发布。" if published else
              "生成已中断，网站没有更新，原来的网站保持不变。", file=sys.stderr)
        return 143 if isinstance(stop, _Terminated) else 130
    except Abort as exc:  # MkDocs' own English words ("Aborted with ...") never reach the editor
        if "configuration" in str(exc):  # the settings (strict mode: their warnings): each said above
            print("生成失败：" + config_problem(exc, args.config_file), file=sys.stderr)
            return 1
        strict = "strict mode" in str(exc)
        print("生成失败：严格模式（--strict）下出现了警告（见上），网站没有更新，原来的网站保持不变。" if strict else
              "生成失败（原因见上），原来的网站保持不变。", file=sys.stderr)
        return 1
    except MkDocsException as exc:
        print("生成失败：" + (config_problem(exc, args.config_file) if isinstance(exc, ConfigurationError) else str(exc)),
              file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"读写 {exc.filename} 时" if exc.filename else "读写文件时"
        print(f"生成失败：{where}出错（{os_reason(exc)}），原来的网站保持不变。", file=sys.stderr)
        return 1
    except TemplateError as exc:
        if os.environ.get("HEALTHPRESS_DEBUG"):
            traceback.print_exc()
        print(f"生成失败：{template_problem(exc)}原来的网站保持不变。", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("HEALTHPRESS_DEBUG"):
            traceback.print_exc()
        print(f"生成失败：出现了 healthpress 没有预料到的错误（{type(exc).__name__}：{exc}），原来的网站保持不变。"
              "要看出错的位置，设置环境变量 HEALTHPRESS_DEBUG=1 后重新运行。", file=sys.stderr)
        return 1
    return 0


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C."""


def _terminate(signum, frame) -> None:
    raise _Terminated


def _abandon(config) -> Path | None:
    """Ctrl-C or SIGTERM reached MkDocs, which hands only exceptions to on_build_error: the Build lets go here.
    Returns the published folder when the interrupt came after the new site was swapped in, else None."""
    plugin = config.plugins.get("healthpress") if config is not None else None
    build = getattr(plugin, "build", None)
    if build is None:
        return None
    output = getattr(build, "output", None)
    published = output.published if output is not None and output.swapped else None
    try:
        build.abort()
    except Exception:
        pass
    return published


def _check(args) -> int:
    """A real build that publishes nothing (build/checking.py): every finding of every phase, in one run."""
    from healthpress.build.checking import check_site

    from mkdocs.exceptions import ConfigurationError

    from healthpress.build.project import ProjectError
    from healthpress.engine.configwords import problem_finding

    if args.report and (refusal := export_refusal(Path(args.report))) is not None:  # told now, not after the check
        print(write_problem(args.report, refusal) + "。", file=sys.stderr)
        return 1
    try:
        findings = check_site(Path(args.config_file), inspection=args.compliance)
    except (ConfigurationError, ProjectError) as exc:  # no settings to check a site by
        if args.format != "json":
            raise  # one line on standard error (_failed)
        finding = problem_finding(exc, args.config_file)
        _print_json([finding])
        return 1
    readable = not any(f.code == "config-error" and f.level is Level.ERROR for f in findings)
    if (args.compliance or args.external) and readable:
        findings += _built_site_findings(Path(args.config_file), args.external)
    findings = sort_findings(findings)
    unwritten = bool(args.report and readable) and not _write_report(Path(args.report), findings,
                                                                     Path(args.config_file))
    if args.format == "json":
        _print_json(findings)
    else:
        for level, title in ((Level.ERROR, "错误"), (Level.WARNING, "警告")):
            chosen = [f for f in findings if f.level is level]
            if chosen:
                print(f"{title}（{len(chosen)}）：")
                for finding in chosen:
                    print(f"  {finding.render()}")
        errors = sum(f.level is Level.ERROR for f in findings)
        warnings = len(findings) - errors
        print(f"检查完毕：{errors} 个错误，{warnings} 个警告。" if findings else "检查完毕：没有发现问题。")
    return 1 if unwritten or any(f.level is Level.ERROR for f in findings) else 0


def _print_json(findings: list) -> None:
    """`check --format json`: the findings as a JSON list, for CI and editors' tools."""
    json.dump([{"path": f.path, "line": f.line, "field": f.field, "code": f.code, "level": f.level.value,
                "message": f.message, "fix": f.fix} for f in findings], sys.stdout, ensure_ascii=False, indent=2)
    print()


def _new(args) -> int:
    from healthpress.build.projectpaths import project_dir_of
    from healthpress.model.editor import read_editor, settings_path
    from healthpress.model.newarticle import (new_article_path, new_article_text, next_issue, same_title_article,
                                              title_problem, typed_title, unnumbered_article_path)
    from healthpress.model.publication import build_moment

    _setup_logging(args.config_file)  # MkDocs' words about mkdocs.yml, in Chinese
    config, columns = _project_columns(args.config_file)
    if args.column not in columns:
        known = "、".join(f"{c.id}（{c.title}）" for c in columns.values())
        print(f"没有编号为“{args.column}”的栏目。可用的栏目：{known}", file=sys.stderr)
        return 1
    problem = title_problem(args.title)  # the front matter's rule for title: refused here, not by the next check
    if problem:
        print(f"没有新建：标题（title）{problem[0]}。改法：{problem[1]}", file=sys.stderr)
        return 1
    column_dir = Path(config.docs_dir) / args.column
    same = same_title_article(column_dir, args.title)
    moment = build_moment()
    path = new_article_path(column_dir, args.title, moment.date())
    if same is not None and not args.force:
        print(f"{os.path.relpath(same)} 已经存在，它的标题也是“{typed_title(args.title)}”，没有新建：可能已经建过这篇文章，打开它接着写即可。"
              f"确实要另建一篇同名文章，加上 --force：healthpress new --force {args.column} \"{args.title}\"（新文件名是 {path.name}）",
              file=sys.stderr)
        return 1
    taken = unnumbered_article_path(column_dir, args.title, moment.date())
    editor = read_editor(settings_path(), project_dir_of(config))
    if editor.problem:
        print(f"警告：{editor.problem}", file=sys.stderr)
    issue = next_issue(column_dir) if columns[args.column].kind == "periodical" else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_article_text(args.title, moment, author=editor.author, unit=editor.unit, issue=issue,
                                     settings_file=editor.settings_file, kind=columns[args.column].kind),
                    encoding="utf-8")
    if path != taken:
        print(f"已有 {os.path.relpath(taken)}，新文件名加了 -{path.stem.rsplit('-', 1)[-1]}", file=sys.stderr)
    print(os.path.relpath(path))
    return 0


def _stats(args) -> int:
    from healthpress.build.project import stats_report

    _setup_logging(args.config_file)  # MkDocs' words about mkdocs.yml, in Chinese
    status, out, err = stats_report(Path(args.config_file), args.period, args.csv)
    sys.stdout.write(out)
    sys.stderr.write(err)
    return status


def _report(args) -> int:
    from healthpress.build.reporting import make_report
    from healthpress.render.reportsheet import render_report_csv, render_report_xlsx
    from healthpress.storage.files import write_export

    _setup_logging(args.config_file)  # MkDocs' words about mkdocs.yml, in Chinese
    result = make_report(Path(args.config_file), args.kind, args.year)
    sys.stderr.write(result.message)
    if result.form is None:
        return result.status
    targets = [(path, suffix, render) for path, suffix, render in (
        (args.xlsx, ".xlsx", lambda: render_report_xlsx(result.form)),
        (args.csv, ".csv", lambda: render_report_csv(result.form).encode("utf-8"))) if path]
    folders = [(path, suffix) for path, suffix, _ in targets if path.is_dir()]
    if folders:  # before anything is written: never one file of two
        for path, suffix in folders:
            print(f"无法写入 {path}：这是一个文件夹。请写文件名，例如 {path / (result.form.heading + suffix)}",
                  file=sys.stderr)
        return 1
    refused = [(path, refusal) for path, _, _ in targets if (refusal := export_refusal(path)) is not None]
    for path, refusal in refused:  # every one said, and nothing written
        print(write_problem(str(path), refusal) + "。", file=sys.stderr)
    if refused:
        return 1
    written = []
    for path, _, render in targets:
        try:
            write_export(path, render())
        except OSError as exc:
            print(write_problem(str(path), exc) + "。", file=sys.stderr)
            return 1
        written.append(str(path))
    if written:
        print(f"已导出{result.form.heading}：" + "、".join(written))
    else:
        sys.stdout.write(render_report_csv(result.form).removeprefix("\ufeff"))
    return result.status


def _wechat(args) -> int:
    """`healthpress wechat ARTICLE`: the article for the WeChat official account, made by build/wechatexport.py
    and written by build/wechatfiles.py; a refused article (errors, a sensitive one not approved, a path
    outside the project) or output folder writes nothing."""
    from healthpress.engine.settings import load_settings

    from healthpress.build.projectpaths import project_dir_of
    from healthpress.build.wechatexport import ExportRefused, export_article
    from healthpress.build.wechatfiles import default_folder, output_refusal, write_wechat_files

    if args.output not in (None, "-"):  # told now, not after the project is read
        given = Path(args.output)
        if given.exists() and not given.is_dir():
            print(f"无法写入 {args.output}：这是一个文件，不是文件夹。--output 写一个文件夹的名字（没有时会新建）",
                  file=sys.stderr)
            return 1
        if not given.is_dir() and (refusal := export_refusal(given)) is not None:  # an earlier export's folder is fine
            print(write_problem(args.output, refusal) + "。", file=sys.stderr)
            return 1
    _setup_logging(args.config_file)  # MkDocs' words about mkdocs.yml, in Chinese
    config = load_settings(args.config_file)
    if args.output not in (None, "-") and (refusal := output_refusal(config, Path(args.output))) is not None:
        print(refusal, file=sys.stderr)
        return 1
    try:
        export = export_article(config, Path(args.config_file), args.article)
        for finding in export.findings:
            print(f"警告：{finding.render()}", file=sys.stderr)
        if args.output == "-":
            print(export.fragment)
            for note in export.notes:
                print(f"注意：{note}", file=sys.stderr)
            print(f"摘要：{export.summary}", file=sys.stderr)
            return 0
        folder = Path(args.output) if args.output else default_folder(project_dir_of(config), export)
        if (refusal := output_refusal(config, folder)) is not None:  # wechat/ may be a link into content/
            print(refusal, file=sys.stderr)
            return 1
        written = write_wechat_files(export, folder)
    except RefusedTarget as refused:
        print(write_problem(str(refused.path), refused) + "。", file=sys.stderr)
        return 1
    except ExportRefused as refused:
        print(str(refused), file=sys.stderr)
        for finding in refused.findings:
            print(f"  {finding.render()}", file=sys.stderr)
        return 1
    shown = os.path.relpath(folder)
    print(f"已导出“{export.title}”到 {shown}{os.sep}：")
    for path in written:
        print(f"  {os.path.relpath(path)}")
    print(f"标题：{export.title}")
    print(f"摘要：{export.summary}")
    print(f"原文链接：{export.address}")
    for note in export.notes:
        print(f"注意：{note}")
    print("用浏览器打开 preview.html，全选（Ctrl+A）、复制（Ctrl+C），粘贴到公众号的编辑器里；"
          "封面和摘要在公众号后台的封面和摘要处填写。")
    return 0


def _fix_encoding(args) -> int:
    from healthpress.model.encoding import fix_encoding

    status = 0
    for path in args.paths:
        try:
            encoding, backup = fix_encoding(path)
        except OSError as exc:
            print(f"{path}: 无法转换（{os_reason(exc)}）", file=sys.stderr)
            status = 1
            continue
        except ValueError as exc:
            print(f"{path}: 无法转换（{exc}）", file=sys.stderr)
            status = 1
            continue
        if backup is None:
            print(f"{path}: 已经是 UTF-8，无需转换")
        else:
            print(f"{path}: 已从 {encoding} 转换为 UTF-8，原文件备份为 {backup}")
    return status


def _built_site_findings(config_file: Path, external: bool) -> list:
    """Links across the last built site/ (internal always, external on request)."""
    from healthpress.model.findings import Finding, Level
    from healthpress.checks.sitecheck import broken_external_links, broken_internal_links

    config = _settings_read_again(config_file)
    site_dir = Path(config.site_dir)
    if not (site_dir / "index.html").is_file():
        return [Finding("site", None, None, "site-not-built", "还没有生成网站，无法检查网站里的链接",
                        "先运行 ./scripts/build，再运行 healthpress check --compliance", Level.WARNING)]
    findings = broken_internal_links(site_dir, config.site_url or "")
    if external:
        allowlist = frozenset(config.plugins["healthpress"].config.external_allowlist)
        findings += broken_external_links(site_dir, allowlist)
    return findings


def _settings_read_again(config_file: Path):
    """MkDocs' settings, read after the check has said what is wrong with them: MkDocs' lines about them
    are left out this time (they are findings already)."""
    from healthpress.engine.settings import load_settings

    from healthpress.engine.internals import engine_logger

    swallow = logging.NullHandler()  # the check prints no log lines: with a handler, none reaches stderr
    engine_logger().addHandler(swallow)
    try:
        return load_settings(str(config_file))
    finally:
        engine_logger().removeHandler(swallow)


def _write_report(path: Path, findings: list, config_file: Path) -> bool:
    """The check's findings as a web page at `path`; False (and why, on standard error) when not written."""
    from healthpress.checks.report import render_report_html
    from healthpress.storage.files import write_export

    try:
        write_export(path, render_report_html(findings, _settings_read_again(config_file).site_name).encode("utf-8"))
    except OSError as exc:
        print(write_problem(str(path), exc) + "。", file=sys.stderr)
        return False
    print(f"网页版报告：{path}", file=sys.stderr)
    return True


def _serve(args) -> int:
    """MkDocs' server with "dirty" rebuilds: the preview folder is not emptied on every save, and
    healthpress leaves every unchanged page where it is (a big site's preview refreshes in seconds).
    A build that fails shows its errors in the browser until a save fixes them (engine/servefailure.py)."""
    from healthpress.engine import internals, servefailure

    problem = _address_problem(args.dev_addr)  # before the first build, which may take minutes
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    _setup_logging(args.config_file)
    internals.build_logger().addFilter(_QuietDirtyWarning())
    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)  # so MkDocs' shutdown (and healthpress' cache writing) runs
    try:
        servefailure.serve(args.config_file, args.dev_addr, lambda exc: _serve_failure(exc, args.config_file))
    except OSError as exc:  # the address taken between the look above and MkDocs' own
        if exc.errno not in _ADDRESS_ERRORS:
            raise
        print(_address_message(*_host_and_port(args.dev_addr), exc), file=sys.stderr)
        return 1
    return 0


def _serve_failure(exc: Exception, config_file: str) -> str | None:
    """The Chinese line for a preview build that raised `exc`, or None when the lines logged before it
    say why (MkDocs' Abort after a build error: healthpress' findings)."""
    from jinja2 import TemplateError
    from mkdocs.exceptions import Abort, ConfigurationError

    from healthpress.engine.templatewords import template_problem

    if isinstance(exc, ConfigurationError) or "configuration error" in str(exc):
        return config_problem(exc, config_file)
    if isinstance(exc, Abort):
        return None
    if isinstance(exc, OSError) and exc.filename:
        return f"读写 {exc.filename} 时出错：{os_reason(exc)}。"
    if isinstance(exc, TemplateError):
        return template_problem(exc)
    return (f"出错了：出现了 healthpress 没有预料到的错误（{type(exc).__name__}：{exc}）。"
            "要看出错的位置，设置环境变量 HEALTHPRESS_DEBUG=1 后重新运行。")


_ADDRESS_ERRORS = frozenset({errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES})


def _host_and_port(dev_addr: str) -> tuple[str, int]:
    host, _, port = dev_addr.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


def _address_problem(dev_addr: str) -> str | None:
    """Why `serve` could not listen on `dev_addr` (taken, not this machine's, not allowed), or None."""
    try:
        host, port = _host_and_port(dev_addr)
    except ValueError:
        port = None
    if port is None or not 0 < port < 65536:
        return (f"预览地址“{dev_addr}”写得不对：应写成 主机:端口，端口是 1 到 65535 之间的整数。"
                "例如：healthpress serve -a 127.0.0.1:8000")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            if os.name != "nt":  # as MkDocs' server does; on Windows it would let two servers share the port
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno in _ADDRESS_ERRORS:
            return _address_message(host, port, exc)
        if isinstance(exc, socket.gaierror):
            return f"无法预览：地址 {host} 不是本机的地址，也找不到叫这个名字的主机。例如：healthpress serve -a 127.0.0.1:{port}"
    return None


def _address_message(host: str, port: int, exc: OSError) -> str:
    shown = f"[{host}]" if ":" in host else host
    if exc.errno == errno.EADDRINUSE:
        fix = f"healthpress serve -a {shown}:{port + 1 if port < 65535 else 8001}"
        return (f"端口 {port} 已被占用：{shown}:{port} 上已经有程序在运行（可能是另一个 healthpress serve 或 mkdocs serve）。"
                f"换一个端口，例如：{fix}；或者先关掉占用这个端口的程序。")
    fix = f"healthpress serve -a 127.0.0.1:{8001 if port == 8000 else 8000}"
    return f"无法在 {shown}:{port} 上预览（{os_reason(exc)}）。换一个地址或端口，例如：{fix}"


def _stop_like_ctrl_c(signum, frame) -> None:
    raise KeyboardInterrupt


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns on each dirty rebuild about stale navigation; healthpress renders every page that changed."""

    def filter(self, record: logging.LogRecord) -> bool:
        from healthpress.engine.internals import DIRTY_BUILD_WARNING

        return DIRTY_BUILD_WARNING not in record.getMessage()


def _setup_logging(config_file: str = "mkdocs.yml") -> None:
    """Engine and healthpress messages on standard error (the engine's logger: "mkdocs" or "properdocs"),
    as an editor reads them: Chinese labels, MkDocs' own lines in Chinese or left out (engine/console.py)."""
    from healthpress.engine.console import EditorFilter, EditorFormatter
    from healthpress.engine.internals import engine_logger

    handler = logging.StreamHandler()
    handler.setFormatter(EditorFormatter(config_file))
    handler.addFilter(EditorFilter())
    root = engine_logger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _failed(exc: BaseException, config_file: str) -> int:
    """What `main` says when a command ends in an exception: one Chinese line and the exit status.
    HEALTHPRESS_DEBUG=1 shows the traceback of an error healthpress did not expect."""
    from mkdocs.exceptions import Abort, ConfigurationError

    if isinstance(exc, BrokenPipeError):  # `healthpress check | head`: stop quietly, as Unix tools do
        _discard_stdout()
        return 128 + signal.SIGPIPE
    if isinstance(exc, KeyboardInterrupt):
        print("已中断。", file=sys.stderr)
        return 130
    from healthpress.build.project import ProjectError

    if isinstance(exc, ProjectError):
        print(str(exc), file=sys.stderr)
        return 1
    if isinstance(exc, ConfigurationError) or "configuration error" in str(exc):  # Abort("Aborted with 2 ...")
        print(config_problem(exc, config_file), file=sys.stderr)
        return 1
    if isinstance(exc, Abort):
        print("已停止（原因见上）。", file=sys.stderr)
        return 1
    from jinja2 import TemplateError

    if isinstance(exc, TemplateError):
        from healthpress.engine.templatewords import template_problem

        print(template_problem(exc), file=sys.stderr)
        return 1
    if isinstance(exc, OSError):
        reason = os_reason(exc)
        if exc.filename:
            print(f"读写 {exc.filename} 时出错：{reason}。请检查这个路径是否存在、有没有写入权限、磁盘是否已满。",
                  file=sys.stderr)
        else:
            print(f"输出时出错：{reason}。请检查输出的去处（重定向的文件、磁盘空间）。", file=sys.stderr)
        if exc.filename is None:
            _discard_stdout()  # what is left in its buffer would fail again on the way out
        return 1
    if os.environ.get("HEALTHPRESS_DEBUG"):
        traceback.print_exception(exc)
    print(f"出错了：{exc}（{type(exc).__name__}）。要看出错的位置，设置环境变量 HEALTHPRESS_DEBUG=1 后重新运行。",
          file=sys.stderr)
    return 1


def _discard_stdout() -> None:
    """Standard output no longer takes anything: send what is left, and all later output, nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    """The `healthpress` command: `main`, then out of the process at once. A build leaves a large heap
    (the site model, the caches' indexes) that the interpreter would take most of a second to tear
    down piece by piece; everything the build writes is closed by then and no worker outlives it."""
    try:
        code = main()
    except KeyboardInterrupt:  # before a command started (the engine's import)
        print("已中断。", file=sys.stderr)
        code = 130
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
