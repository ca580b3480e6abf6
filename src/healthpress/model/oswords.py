"""What an operating system error means, in Chinese: the editor reads this instead of Python's English
strerror ("[Errno 2] No such file or directory")."""

from __future__ import annotations

import errno
from pathlib import Path

from healthpress.storage.files import RefusedTarget

REASONS: dict[int, str] = {getattr(errno, name): said for name, said in (
    ("ENOENT", "文件或文件夹不存在"),
    ("EACCES", "没有权限"),
    ("EPERM", "没有权限"),
    ("ENOSPC", "磁盘已满"),
    ("EDQUOT", "磁盘配额已用完"),
    ("EROFS", "磁盘是只读的"),
    ("EISDIR", "这是一个文件夹，不是文件"),
    ("ENOTDIR", "路径中有一段不是文件夹"),
    ("EEXIST", "已经存在"),
    ("ENOTEMPTY", "文件夹不是空的"),
    ("EBUSY", "正被其他程序使用"),
    ("EMFILE", "同时打开的文件太多"),
    ("ENAMETOOLONG", "文件名太长"),
    ("EIO", "读写磁盘出错"),
    ("EXDEV", "不能跨磁盘移动"),
    ("EPIPE", "输出的去处已经关闭"),
    ("EADDRINUSE", "端口已被占用"),
    ("EADDRNOTAVAIL", "这个地址不是本机的地址"),
    ("ECONNREFUSED", "连接被拒绝"),
    ("ETIMEDOUT", "连接超时"),
    ("ENETUNREACH", "网络不通"),
    ("EHOSTUNREACH", "连不上这台主机"),
    ("ECONNRESET", "连接被对方断开"),
) if hasattr(errno, name)}
"""The common errnos an editor meets, each in Chinese (those this system has)."""


def os_reason(exc: OSError) -> str:
    """What went wrong in `exc`, in Chinese (the errno's number kept when it is not a common one)."""
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    if exc.errno is not None:
        return f"系统错误（错误号 {exc.errno}）"
    return "系统错误"


def write_problem(given: str, exc: OSError) -> str:
    """Why a file the editor named (`given`, as written) was not written, and what to do, in Chinese."""
    if isinstance(exc, RefusedTarget) and exc.kind == "no-folder":
        return (f"无法写入 {given}：文件夹 {_shown(exc.path)} 不存在。请检查路径是否写错；"
                f"要放进新文件夹，先建好这个文件夹（如 mkdir {_shown(exc.path)}）")
    if isinstance(exc, RefusedTarget) and exc.kind == "parent-file":
        return f"无法写入 {given}：{_shown(exc.path)} 是一个文件，不是文件夹。请检查路径是否写错"
    if isinstance(exc, RefusedTarget) and exc.kind == "link":
        return (f"无法写入 {given}：它是一个符号链接，不会替换它，也不会写到它指向的地方。"
                "请换一个文件名，或先删掉这个链接")
    if isinstance(exc, RefusedTarget) and exc.kind == "folder":
        return f"无法写入 {given}：这是一个文件夹，不是文件。请写文件名（不是文件夹名）"
    if isinstance(exc, RefusedTarget) and exc.kind == "special":
        return f"无法写入 {given}：它是一个设备、管道或其他特殊文件，不是普通文件，不会替换它。请换一个文件名"
    return f"无法写入 {given}：{os_reason(exc)}。请检查这个文件夹是否存在、有没有写入权限、磁盘是否已满"


def _shown(path: Path) -> str:
    return str(path) if str(path) not in ("", ".") else "."
