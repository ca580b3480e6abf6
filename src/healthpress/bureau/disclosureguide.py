"""The 政府信息公开指南 (government-information disclosure guide) from `data/disclosure-guide.yml` (pure).

The file says what the bureau discloses (scope), how to apply (channels, the form, the time limit), the
office that handles applications (name, address, hours, phone...), fees, and the remedies a person has.
The office's address, postcode, phone and e-mail may be left out: they are then the bureau's own, from
`extra.bureau` in mkdocs.yml (`complete_guide`), and one that is in neither place is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote

from healthpress.model.datafile import (DataDocument, Unique, expect_list, load_data_file, parse_data, validate_entry,
                                        validate_entries)
from healthpress.model.findings import Finding, Level
from healthpress.model.plaintext import PARAGRAPH_MAX, NonEmptyText, check_plain_text, plain_text
from healthpress.model.strict import StrictModel

DISPLAY = "data/disclosure-guide.yml"
Paragraph = plain_text(PARAGRAPH_MAX, lines=True, min_length=1)

GUIDE_HELP = {
    "intro": "intro: 为了更好地提供政府信息公开服务，编制本指南。（开头的说明，可不写）",
    "scope": "scope:\n  - 机构职能、机构设置、领导分工\n  - 规范性文件",
    "apply": "apply:\n  channels:\n    - name: 当面申请\n      how: 到办公室填写申请表",
    "office": "office:\n  name: 市卫生局政府信息公开办公室\n  hours: 工作日上午 8:30—12:00，下午 14:30—17:30",
    "fees": "fees: 依申请提供政府信息，不收取费用。",
    "remedies": "remedies: 认为本局在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。",
}
APPLY_HELP = {
    "channels": "channels:\n  - name: 当面申请\n    how: 到办公室填写《政府信息公开申请表》",
    "form": "form: 《政府信息公开申请表》可在办公室领取，也可从本页下载。",
    "form_url": "form_url: /assets/shenqingbiao.docx（申请表的网址：本站的以 / 开头，或 https:// 开头）",
    "time_limit": "time_limit: 能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复。",
}
CHANNEL_HELP = {"name": "name: 信函申请（申请方式）", "how": "how: 将申请表寄至本局政府信息公开办公室，信封注明“政府信息公开申请”。"}
OFFICE_HELP = {
    "name": "name: 市卫生局政府信息公开办公室",
    "address": "address: 市人民路 100 号（不写时用 mkdocs.yml 的 extra.bureau.address）",
    "postcode": "postcode: \"246000\"（不写时用 mkdocs.yml 的 extra.bureau.postcode）",
    "hours": "hours: 工作日上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）",
    "phone": "phone: 0556-5512345（不写时用 mkdocs.yml 的 extra.bureau.phone）",
    "fax": "fax: 0556-5512346（传真，可不写）",
    "email": "email: xxgk@example.gov.cn（不写时用 mkdocs.yml 的 extra.bureau.email，也可都不写）",
}
FROM_BUREAU = ("address", "postcode", "phone", "email")
"""The office fields that default to the bureau's own in `extra.bureau`."""
REQUIRED_SOMEWHERE = ("address", "phone")


def _url(value: str) -> str:
    if not (value.startswith("/") and not value.startswith("//")) and not value.startswith("https://") \
            and not value.startswith("http://"):
        raise ValueError(f"“{value}”不是网址")
    return value


class ChannelEntry(StrictModel):
    name: NonEmptyText
    how: Paragraph


class ApplyEntry(StrictModel):
    channels: list[object]
    form: Paragraph | None = None
    form_url: NonEmptyText | None = None
    time_limit: Paragraph | None = None


class OfficeEntry(StrictModel):
    name: NonEmptyText
    address: NonEmptyText | None = None
    postcode: NonEmptyText | None = None
    hours: NonEmptyText
    phone: NonEmptyText | None = None
    fax: NonEmptyText | None = None
    email: NonEmptyText | None = None


class GuideEntry(StrictModel):
    intro: Paragraph | None = None
    scope: list[object]
    apply: object
    office: object
    fees: Paragraph
    remedies: Paragraph


@dataclass(frozen=True, slots=True)
class Channel:
    """One way to apply (当面申请, 信函申请, 网上申请 ...) and how."""

    name: str
    how: str


@dataclass(frozen=True, slots=True)
class Office:
    """The office that handles applications; address and phone always set once completed."""

    name: str
    hours: str
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class DisclosureGuide:
    """The guide as the page shows it, in its order."""

    intro: str | None
    scope: tuple[str, ...]
    channels: tuple[Channel, ...]
    form: str | None
    form_url: str | None
    time_limit: str | None
    office: Office
    fees: str
    remedies: str
    office_lines: Mapping[str, int | None] = field(default_factory=dict)
    """The line of each office field (and of `office`) in the file, for `complete_guide`'s findings."""
    path: str = DISPLAY
    form_url_line: int | None = None
    """The line of `form_url` in the file."""


def read_disclosure_guide(doc: DataDocument) -> tuple[DisclosureGuide | None, list[Finding]]:
    """Validate a loaded guide: every field of every part, each problem with its line."""
    top, findings = validate_entry(GuideEntry, doc.data, doc, (), GUIDE_HELP, "政府信息公开指南")
    if top is None and not isinstance(doc.data, dict):
        return None, findings
    part = _parts(top, doc.data, findings)
    raw_scope, found = expect_list(doc, part("scope"), ("scope",), "公开范围", "- 机构职能、机构设置、领导分工") \
        if part("scope") is not None else ([], [None])
    findings += [f for f in found if f is not None]
    scope = []
    for index, item in enumerate(raw_scope):
        if isinstance(item, str) and item.strip():
            try:
                scope.append(_checked(item))
            except ValueError as exc:
                findings.append(Finding(doc.path, doc.line("scope", index), "scope", "invalid-scope", str(exc),
                                        "写法：" + GUIDE_HELP["scope"]))
        else:
            findings.append(Finding(doc.path, doc.line("scope", index), "scope", "invalid-scope",
                                    f"公开范围的第 {index + 1} 项应当是一段文字",
                                    "每项以“- ”开头写一段文字，例如：- 规范性文件"))
    if not raw_scope and not found:
        findings.append(Finding(doc.path, doc.line("scope"), "scope", "empty-scope", "公开范围没有写任何一项",
                                "写法：" + GUIDE_HELP["scope"].replace("\n", " ")))
    apply, found = validate_entry(ApplyEntry, part("apply"), doc, ("apply",), APPLY_HELP, "申请方式") \
        if part("apply") is not None else (None, [])
    findings += found
    channels: list[Channel] = []
    if apply is not None and apply.form_url is not None:
        try:
            _url(apply.form_url)
        except ValueError as exc:
            findings.append(Finding(doc.path, doc.line("apply", "form_url"), "form_url", "form-url-not-url",
                                    str(exc), "写法：" + APPLY_HELP["form_url"]))
    apply_part = _parts(apply, part("apply"), found)
    if apply_part("channels") is not None:
        raw, found = expect_list(doc, apply_part("channels"), ("apply", "channels"), "申请方式", "- name: 当面申请")
        findings += found
        valid, found = validate_entries(doc, raw, ChannelEntry, ("apply", "channels"), CHANNEL_HELP,
                                        lambda n: f"第 {n} 种申请方式",
                                        unique=Unique("name", "duplicate-channel", "合并这两种申请方式，或改名"))
        findings += found
        channels = [Channel(item.value.name, item.value.how) for item in valid]
        if not raw and not found:
            findings.append(Finding(doc.path, doc.line("apply", "channels"), "channels", "no-channel",
                                    "没有写任何一种申请方式", "写法：" + APPLY_HELP["channels"].replace("\n", " ")))
    office, found = validate_entry(OfficeEntry, part("office"), doc, ("office",), OFFICE_HELP, "办理机构") \
        if part("office") is not None else (None, [])
    findings += found
    if top is None or office is None or apply is None or any(f.level is Level.ERROR for f in findings):
        return None, findings
    lines = {"office": doc.line("office"), **doc.key_lines("office")}
    return DisclosureGuide(
        intro=top.intro, scope=tuple(scope), channels=tuple(channels), form=apply.form, form_url=apply.form_url,
        time_limit=apply.time_limit,
        office=Office(office.name, office.hours, office.address, office.postcode, office.phone, office.fax, office.email),
        fees=top.fees, remedies=top.remedies, office_lines=lines, path=doc.path,
        form_url_line=doc.line("apply", "form_url")), findings


def _parts(entry: StrictModel | None, raw: object, findings: list[Finding]):
    """A part of an entry by name: the checked entry's; where the entry failed, the part as written, so
    that its own problems are found in the same run (None where the part itself was the failure)."""
    failed = {f.field for f in findings}

    def part(name: str) -> object:
        if entry is not None:
            return getattr(entry, name)
        if not isinstance(raw, dict) or name in failed or None in failed:
            return None
        return raw.get(name)
    return part


def _checked(text: str) -> str:
    return check_plain_text(text.strip(), PARAGRAPH_MAX, lines=True)


def complete_guide(guide: DisclosureGuide, bureau: Mapping[str, object]) -> tuple[DisclosureGuide | None, list[Finding]]:
    """The guide with the office's address, postcode, phone and e-mail taken from `extra.bureau` where the
    file leaves them out; an error for an address or phone in neither place."""
    office = guide.office
    values = {name: getattr(office, name) or _text(bureau.get(name)) for name in FROM_BUREAU}
    findings = [
        Finding(guide.path, guide.office_lines.get("office"), name, "guide-office-missing",
                f"办理机构没有写{label}，mkdocs.yml 的 extra.bureau 里也没有 {name}",
                f"在 office: 下写 {OFFICE_HELP[name]}")
        for name, label in (("address", "地址"), ("phone", "联系电话")) if not values[name]
    ]
    if findings:
        return None, findings
    completed = Office(office.name, office.hours, values["address"], values["postcode"], values["phone"], office.fax,
                       values["email"])
    return DisclosureGuide(guide.intro, guide.scope, guide.channels, guide.form, guide.form_url, guide.time_limit,
                           completed, guide.fees, guide.remedies, guide.office_lines, guide.path, guide.form_url_line), []


def missing_form_findings(guide: DisclosureGuide, site_paths: set[str]) -> list[Finding]:
    """An error when `form_url` is an address of this site (starting with /) that no file of the site has:
    the guide's "下载申请表" would lead nowhere. `site_paths` are the paths a reader can open
    (checks/brokenlinks.py `site_paths`); a full http(s) URL is not checked."""
    value = (guide.form_url or "").strip()
    if not value.startswith("/") or value.startswith("//"):
        return []
    path = unquote(re.split(r"[?#]", value, maxsplit=1)[0])
    if path in site_paths or path + "/" in site_paths:
        return []
    return [Finding(guide.path, guide.form_url_line, "form_url", "form-url-missing",
                    f"申请表的网址“{value}”在本站没有这个文件",
                    "把申请表放进 content/ 里（如 content/assets/shenqingbiao.docx），写它的网址 /assets/shenqingbiao.docx；"
                    "放在其他网站上的写完整网址（https:// 开头）")]


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def parse_disclosure_guide(path: str, text: str) -> tuple[DisclosureGuide | None, list[Finding]]:
    """The guide from a file's text; `path` is how findings name the file."""
    doc, findings = parse_data(path, text)
    return read_disclosure_guide(doc) if doc is not None else (None, findings)


def load_disclosure_guide(path: Path, display: str = DISPLAY) -> tuple[DisclosureGuide | None, list[Finding]]:
    """The guide from `path`."""
    doc, findings = load_data_file(path, display)
    return read_disclosure_guide(doc) if doc is not None else (None, findings)
